/**
 * Places the kind guess knows by name (names-kind.ts): the countries, the
 * continents and large regions, the states and provinces of the largest
 * federations, and the world's most reported cities. Folded (fold.ts). It
 * only sets the kind of a name found from its capitals; it never proposes
 * one.
 */
export const KNOWN_PLACES: ReadonlySet<string> = new Set(
  `
afghanistan albania algeria andorra angola antigua argentina armenia australia austria azerbaijan
bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana
brazil brunei bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros
congo croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt eritrea estonia eswatini
ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada guatemala guinea
guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan
jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya
liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania
mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar burma
namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau palestine panama
paraguay peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia
seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria
taiwan tajikistan tanzania thailand togo tonga trinidad tunisia turkey turkiye turkmenistan tuvalu
uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe britain england
scotland wales america holland tibet greenland crimea gaza kurdistan chechnya darfur kashmir
africa asia europe oceania antarctica arctic antarctic caribbean scandinavia balkans baltics
siberia patagonia sahara sahel levant maghreb
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
vermont virginia washington wisconsin wyoming ontario quebec alberta manitoba saskatchewan
queensland victoria tasmania bavaria catalonia
london paris berlin madrid rome moscow beijing shanghai tokyo delhi mumbai karachi lahore dhaka
istanbul ankara tehran baghdad damascus beirut jerusalem cairo riyadh dubai doha kabul islamabad
nairobi lagos johannesburg harare kinshasa addis khartoum tripoli tunis algiers rabat sydney
melbourne auckland wellington toronto montreal vancouver chicago boston atlanta miami seattle
houston dallas brussels amsterdam vienna warsaw kyiv kiev prague budapest athens lisbon dublin
edinburgh manchester stockholm oslo copenhagen helsinki geneva zurich milan naples barcelona
seoul pyongyang taipei manila jakarta bangkok hanoi singapore hollywood brooklyn manhattan
`
    .trim()
    .split(/\s+/),
);

/** Places of more than one word, folded. */
export const KNOWN_PLACE_NAMES: ReadonlySet<string> = new Set([
  'united states',
  'united kingdom',
  'united arab emirates',
  'saudi arabia',
  'south africa',
  'south korea',
  'north korea',
  'south sudan',
  'new zealand',
  'sri lanka',
  'costa rica',
  'el salvador',
  'puerto rico',
  'middle east',
  'latin america',
  'south america',
  'north america',
  'central america',
  'new york',
  'los angeles',
  'san francisco',
  'hong kong',
  'west bank',
  'ivory coast',
  'great britain',
  'northern ireland',
  'new jersey',
  'new mexico',
  'new hampshire',
  'north carolina',
  'south carolina',
  'north dakota',
  'south dakota',
  'west virginia',
  'rhode island',
  'new south wales',
  'british columbia',
]);
