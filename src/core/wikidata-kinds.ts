/**
 * A note's kind from what Wikidata says an item is an instance of (P31),
 * for the prefill of a look-up (wikidata-prefill.ts). Only the item's own
 * P31 values are read, never their superclasses (that would take more
 * requests per look-up): the table lists the classes news names are most
 * often instances of. A class not listed gives "other", and the reader
 * picks the kind before saving.
 */
import type { Kind } from './entity';

const CLASSES: Record<Exclude<Kind, 'other'>, string[]> = {
  person: [
    'Q5', // human
    'Q15632617', // fictional human
  ],
  organization: [
    'Q43229', // organization
    'Q4830453', // business
    'Q783794', // company
    'Q891723', // public company
    'Q6881511', // enterprise
    'Q1589009', // privately held company
    'Q18388277', // technology company
    'Q1331793', // media company
    'Q2085381', // publisher
    'Q11032', // newspaper
    'Q15265344', // broadcaster
    'Q1616075', // television station
    'Q14350', // radio station
    'Q46970', // airline
    'Q7278', // political party
    'Q7210356', // political organization
    'Q163740', // nonprofit organization
    'Q15911314', // association
    'Q48204', // voluntary association
    'Q178790', // trade union
    'Q484652', // international organization
    'Q245065', // intergovernmental organization
    'Q1127126', // military alliance
    'Q176799', // military unit
    'Q17149090', // armed organization
    'Q327333', // government agency
    'Q2659904', // government organization
    'Q192350', // ministry
    'Q35749', // parliament
    'Q3918', // university
    'Q2385804', // educational institution
    'Q3914', // school
    'Q31855', // research institute
    'Q33506', // museum
    'Q476028', // association football club
    'Q847017', // sports club
    'Q12973014', // sports team
  ],
  place: [
    'Q6256', // country
    'Q3624078', // sovereign state
    'Q7275', // state
    'Q3024240', // historical country
    'Q1763527', // constituent country
    'Q515', // city
    'Q1549591', // big city
    'Q1637706', // city with millions of inhabitants
    'Q200250', // metropolis
    'Q5119', // capital
    'Q1093829', // city in the United States
    'Q3957', // town
    'Q532', // village
    'Q5084', // hamlet
    'Q486972', // human settlement
    'Q15284', // municipality
    'Q747074', // comune of Italy
    'Q484170', // commune of France
    'Q262166', // municipality of Germany
    'Q123705', // neighborhood
    'Q1907114', // metropolitan area
    'Q35657', // U.S. state
    'Q10864048', // first-level administrative country subdivision
    'Q13220204', // second-level administrative country subdivision
    'Q56061', // administrative territorial entity
    'Q82794', // geographic region
    'Q1620908', // historical region
    'Q2221906', // geographic location
    'Q618123', // geographical feature
    'Q5107', // continent
    'Q23442', // island
    'Q33837', // archipelago
    'Q34763', // peninsula
    'Q8502', // mountain
    'Q46831', // mountain range
    'Q8072', // volcano
    'Q4022', // river
    'Q23397', // lake
    'Q165', // sea
    'Q9430', // ocean
    'Q46169', // national park
    'Q41176', // building
    'Q1248784', // airport
    'Q12280', // bridge
    'Q16970', // church building
    'Q23413', // castle
    'Q22698', // park
    'Q79007', // street
    'Q34442', // road
    'Q55488', // railway station
    'Q483110', // stadium
  ],
  topic: [
    'Q1656682', // event
    'Q198', // war
    'Q180684', // conflict
    'Q350604', // armed conflict
    'Q178561', // battle
    'Q645883', // military operation
    'Q2223653', // terrorist attack
    'Q10931', // revolution
    'Q273120', // protest
    'Q40231', // public election
    'Q131569', // treaty
    'Q7748', // law
    'Q3839081', // disaster
    'Q8065', // natural disaster
    'Q7944', // earthquake
    'Q12136', // disease
    'Q12184', // pandemic
    'Q13406554', // sports competition
    'Q16510064', // sporting event
    'Q7725634', // literary work
    'Q571', // book
    'Q11424', // film
    'Q5398426', // television series
    'Q15416', // television program
    'Q482994', // album
    'Q7366', // song
    'Q7889', // video game
    'Q7397', // software
    'Q11173', // chemical compound
    'Q16521', // taxon
    'Q8142', // currency
    'Q34770', // language
    'Q9174', // religion
    'Q41710', // ethnic group
    'Q151885', // concept
    'Q28640', // profession
    'Q4164871', // position
    'Q294414', // public office
  ],
};

const KIND_OF = new Map<string, Kind>(
  Object.entries(CLASSES).flatMap(([kind, ids]) => ids.map((id) => [id, kind as Kind] as const)),
);

/** The kind of the first class in `instanceOf` the table knows (preferred statements come first). */
export function kindOf(instanceOf: readonly string[]): Kind {
  for (const id of instanceOf) {
    const kind = KIND_OF.get(id);
    if (kind) return kind;
  }
  return 'other';
}
