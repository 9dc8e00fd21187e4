/**
 * The word lists of the name finder (names.ts), all folded (fold.ts) so they
 * compare with folded tokens. English first, since the corpus and most of the
 * notes are English; a few connectors and function words of the other Latin
 * script languages the corpus holds (fr, es, pt, de, cs) keep their headlines
 * from turning into names.
 */

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Lower-case words that may join capitalised words inside a name: "Bank of England", "Osama bin Laden". */
export const CONNECTORS = words(`
  of de du des da do dos das del della di van von der den ter bin ibn al el la le y
`);

/** Connector after another connector: "Organization of the Petroleum …". */
export const SECOND_CONNECTORS = words('the la le los las');

/**
 * Capitalised words that start a sentence or a heading but are never a name
 * on their own, and are stripped from either end of a run of capitalised
 * words: "The", "In", "But", pronouns, determiners, and the like.
 */
export const FUNCTION_WORDS = words(`
  a an the this that these those it its he she they we i you his her their our my your him them us
  me who whom whose what which when where why how there here then than if so yet and or but nor not
  no yes in on at to for from by with without within into onto upon of off out over under about
  above below after before since until while during despite although though because as also just
  only even still now today tonight yesterday tomorrow meanwhile however moreover furthermore
  instead indeed already again ago all any both each every either neither few many more most much
  several some such other another one two three four five six seven eight nine ten first second
  third last next according among between against around across
  along behind beyond through throughout toward towards per via like unlike do does did is are was
  were be been being has have had will would shall should can could may might must let lets please
  dear hi hello thanks thank oh ok okay later earlier soon recently finally currently previously
  eventually separately together similarly likewise additionally besides otherwise overall
  elsewhere afterwards initially
  le la les un une des et ou mais dans sur pour par avec il elle ils elles nous vous en au aux ce
  cette ces son sa ses el los las una uno y o pero con sin por para del al en su sus este esta o os
  um uma e ou mas com sem por para do da dos das em no na nos nas seu sua der die das ein eine und
  oder aber mit ohne von zu im am auf fur ist sind war
`);

/** Months and weekdays, with their common short forms. */
export const CALENDAR = words(`
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
  am pm gmt bst est edt cst cdt pst pdt utc et pt cet
`);

/**
 * Page chrome: navigation, sharing, sign-in, captions and credits. A run made
 * only of these (and function words) is not a name: "Sign In", "Most
 * Popular", "Media caption", "Privacy Policy".
 */
export const CHROME = words(`
  home news sport sports weather shop search menu skip content accessibility help sign log login
  logout register subscribe subscription subscriber newsletter newsletters account settings
  profile premium share shares sharing tweet email print comment comments reply replies like follow
  read more less see view watch listen play pause video videos photo photos image images picture
  pictures gallery caption media credit copyright reserved rights privacy policy terms cookie
  cookies contact about feedback advertise advertisement advertising ad ads sponsored sponsor
  partner partners related stories story popular trending latest top breaking live updates update
  updated published posted edition editions section sections topics topic tags archive archives
  jobs careers store deals offers games puzzles crossword horoscopes obituaries classifieds opinion
  opinions analysis explainer explainers magazine blog blogs podcast podcasts business tech
  technology science health entertainment arts culture travel style lifestyle fashion food politics
  world local national international money markets market economy education autos cars
  real estate reporters report reports special features feature full page pages next previous back
  close open loading click here link links tools app apps mobile desktop site sites help faq
  corrections rss feed feeds yes free upgrade register continue submit cancel ok
  pm am min mins hour hours day days week weeks month months year years ago
  says said say told according added inc llc ltd corp co available preferences shipping paper type
  sale sales tv id use user agreement statement conduct code notice conversation discussion
`);

/**
 * Titles and roles before a person's name: stripped from the name, and a
 * cue that it is a person ("President Barack Obama", "Mr. Reeves").
 */
export const TITLES = words(`
  mr mrs ms miss mx dr prof professor sir dame lord lady sen senator rep representative gov governor
  president vice prime minister ministers secretary chancellor premier king queen prince princess
  emperor pope cardinal archbishop bishop rev reverend father sister brother imam rabbi sheikh
  general gen lt lieutenant col colonel maj major capt captain sgt sergeant cpl corporal adm admiral
  commander commissioner chief inspector detective officer constable judge justice mayor councillor
  councilman councilwoman ambassador envoy chairman chairwoman chair ceo cfo coo cto founder
  director spokesman spokeswoman spokesperson leader speaker attorney-general attorney
  correspondent editor writer reporter columnist analyst coach manager striker goalkeeper
  dj superintendent deputy sheriff
`);

/** Titles written with a full stop, after which a name goes on: "Mr. Reeves", "Gen. Smith". */
export const TITLE_ABBREVIATIONS = words(`
  mr mrs ms dr prof sen rep gov gen lt col maj capt sgt cpl adm rev st jr sr fr mt ft
`);

/**
 * Abbreviations after whose full stop a sentence does not end, besides the
 * titles, single initials ("Donald J. Trump") and dotted capitals ("U.S.").
 */
export const ABBREVIATIONS = words(`
  inc co corp ltd llc plc bros vs no nos vol pp approx est dept univ ave blvd rd jan feb mar apr jun
  jul aug sep sept oct nov dec
`);

/** Last words that make a name an organisation: "Interior Ministry", "Harvard University". */
export const ORGANIZATION_TAILS = words(`
  ministry department agency council committee commission party police university college school
  academy institute institution center centre foundation association union bank court corporation
  corp inc ltd llc plc group company co network army navy brotherhood organization organisation
  federation league club society trust board authority office bureau service services congress
  parliament senate assembly government administration station times post journal news press
  herald telegraph guardian tribune gazette radio tv television records studios airlines airways
  motors front movement coalition alliance forces force guard command
`);

/** Words anywhere in a name of several that make it an organisation: "Amnesty International", "United Nations". */
export const ORGANIZATION_WORDS = words(`
  international national united islamic royal federal democratic republican socialist liberal
  conservative labour global world
`);

/** First words that make a name (with "of" after them) an organisation: "Department of Conservation". */
export const ORGANIZATION_HEADS = words(`
  ministry department university bank institute council committee commission office bureau board
  house college school church order
`);

/** Last words that make a name a place: "Stewart Island", "Whangārei Harbour". */
export const PLACE_TAILS = words(`
  island islands city county river lake mountain mountains mount sea ocean bay harbour harbor valley
  province region district coast peninsula desert street avenue square airport beach strait gulf
  canal falls forest park hills heights village town territory republic kingdom emirates
  museum palace cathedral bridge stadium
`);

/** First words that make a name a place: "Cape Canaveral", "South Sudan", "New Zealand". */
export const PLACE_HEADS = words(`
  mount mt lake cape port fort saint san santa sao gulf isle north south east west northern southern
  eastern western central upper lower new
`);

/** Words right before a name that hint it is a place: "in Kenya", "near Harare". */
export const PLACE_CUES = words('in near across throughout outside inside from via');

/** Dotted or short capitals that name places, not organisations. */
export const PLACE_ACRONYMS = words('us u.s. usa u.s.a. uk u.k. uae drc dc d.c. nyc la');

/**
 * Words that end a demonym or an adjective of nationality, which is not a
 * person, organisation or place: "Tunisian", "Sudanese", "British".
 */
export const DEMONYM_ENDINGS = [
  'ian',
  'ians',
  'ican',
  'icans',
  'ean',
  'eans',
  'yan',
  'yans',
  'ese',
  'ish',
  'ans',
  'ist',
  'ists',
];

/** Groups of people by faith or people that the endings above miss: not persons, organisations or places. */
export const GROUPS = words(`
  muslim muslims christian christians jew jews jewish catholic catholics protestant protestants
  hindu hindus sikh sikhs arab arabs maori kurd kurds sunni sunnis shia shiite shiites latino
  latinos democrat democrats republican republicans
`);

/**
 * Verbs that open a menu item or a call to action, and the words of a credit
 * line: stripped from the front of a run at the start of a sentence ("Watch
 * TMZ", "Contact Mark Di Stefano", "Credit Ashraf Shazly").
 */
export const LEADING_WORDS = words(`
  call make watch contact buy get click visit download send see read follow join sign try find
  learn discover meet shop save subscribe share play listen view enter check explore tap paste
  credit credits photo photograph image picture caption copyright source courtesy video pictured
`);

/** Prefixes of a hyphenated word that are not part of the name: "post-Mugabe", "anti-Trump". */
export const HYPHEN_PREFIXES = words('post pre pro anti ex non mid neo pan un trans');

/** Words that start a sentence and are not names even though they are capitalised mid-sentence elsewhere. */
export const NEVER_ALONE = words('i o oh ah eh');
