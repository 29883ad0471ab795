"""Word lists for :mod:`recoupe.annotate.entities`: titles, first names, place cues.

Lists of plain words are lowercase; ``ORG_HEADS`` and ``KNOWN_PLACES`` are
already folded (no accents), to be compared with ``entities.fold``.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(p.strip() for p in text.split("|") if p.strip())


#: Titles, honorifics and roles that precede a person's name (lowercase).
PERSON_TITLES = _words(
    "m. m mm. mme mmes mlle monsieur madame mademoiselle messieurs dr docteur me maître pr "
    "professeur président présidente vice-président vice-présidente ministre premier première "
    "secrétaire général générale colonel capitaine lieutenant commandant maréchal amiral "
    "sergent caporal soldat pape roi reine prince princesse duc duchesse comte comtesse baron "
    "baronne marquis marquise empereur impératrice cardinal abbé évêque archevêque mgr "
    "monseigneur père frère sœur sénateur sénatrice député députée maire chancelier "
    "chancelière gouverneur ambassadeur ambassadrice porte-parole chef directeur directrice "
    "patron patronne juge procureur procureure avocat avocate homologue candidat candidate "
    "dirigeant dirigeante leader émir cheikh ayatollah imam rabbin pasteur sir lord lady "
    "mr mrs ms secretary president senator minister governor conseiller conseillère "
    "commissaire délégué déléguée envoyé envoyée émissaire fondateur fondatrice"
)

#: Determiners and particles that may wrongly start an entity span.
DETERMINERS = _words(
    "le la les l' l’ un une des du de d' d’ ce cet cette ces son sa ses leur leurs"
)

#: Name particles that stay lowercase inside person names.
NAME_PARTICLES = _words("al el ben bin ibn von van der den de da di du la le dos das del y ter")

#: Common first names (folded); a mention starting with one is a person.
FIRST_NAMES = _words(
    "abdel abdelaziz abdullah ahmed ahmad ali alain alexandre alexis alexei alexeï andré "
    "andrew angela anne antoine antonio bachar barack benjamin benoît bernard bill boris "
    "bruno carlos catherine charles christian christine christophe claude daniel david "
    "dmitri dmitry donald edouard emmanuel eric erdogan françois françoise frank frédéric "
    "george georges gérard hassan hillary hugo igor ivan jacques james jean jeanne jim joe "
    "john josé joseph juan julien justin kamala karl kim laurent louis luc manuel marc marie "
    "marine mark martin michel michael mike mohammed mohamed muhammad nicolas nikolaï olivier "
    "pascal patrick paul pedro pierre philippe rex richard robert rodrigo ron sergueï sergei "
    "serge sophie stéphane thomas tony valérie viktor vladimir volodymyr xavier xi yves "
    "hafez recep ursula olaf theresa gordon rishi keir joachim rené henri hélène isabelle "
    "nathalie sylvie martine ségolène dominique jean-marc jean-luc jean-pierre jean-yves "
    "jean-claude jean-marie marie-france anne-marie rachida najat fatima mohammad ahmadinejad "
    "hosni abdel-fattah mahmoud yasser ismail ariel shimon ehud benyamin binyamin"
)

#: Nouns after which ``de X`` names a place (folded lemmas).
PLACE_NOUNS = _words(
    "attaque frappe bombardement raid assaut massacre bataille siège prise offensive "
    "ville village province région capitale localité commune quartier banlieue "
    "district gouvernorat département canton île vallée environs habitant port aéroport "
    "périphérie centre nord sud est ouest nord-ouest nord-est sud-ouest sud-est faubourg "
    "route frontière rue place gare hôpital prison base près alentour "
    "territoire préfecture municipalité agglomération arrondissement oblast état pays"
)

#: Prepositions that directly introduce a place.
PLACE_PREPOSITIONS = _words("en dans vers à au aux")

#: First words of organisation names (folded).
ORG_HEADS = _words(
    "department ministry ministere agence agency office bureau commission conseil council "
    "parti party federation association comite committee organisation organization "
    "fondation foundation institut institute universite university banque bank assemblee "
    "senat tribunal syndicat ligue mouvement gendarmerie compagnie societe "
    "secretariat haut-commissariat cour"
)

#: Well-known countries, capitals and cities (folded), for PER/LOC arbitration.
KNOWN_PLACES = _phrases(
    "afghanistan|afrique du sud|albanie|algerie|allemagne|angleterre|angola|"
    "arabie saoudite|argentine|armenie|australie|autriche|azerbaidjan|belgique|bielorussie|"
    "birmanie|bolivie|bosnie|bresil|bulgarie|cambodge|cameroun|canada|chili|chine|chypre|"
    "colombie|coree|coree du nord|coree du sud|croatie|cuba|danemark|egypte|equateur|"
    "erythree|espagne|estonie|etats-unis|ethiopie|europe|finlande|france|georgie|grece|"
    "guatemala|haiti|hongrie|inde|indonesie|irak|iran|irlande|islande|israel|italie|japon|"
    "jordanie|kazakhstan|kenya|kosovo|koweit|laos|lettonie|liban|libye|lituanie|luxembourg|"
    "macedoine|madagascar|mali|maroc|mauritanie|mexique|moldavie|monaco|mongolie|"
    "montenegro|mozambique|nepal|niger|nigeria|norvege|ouganda|ouzbekistan|pakistan|"
    "palestine|panama|paraguay|pays-bas|perou|philippines|pologne|portugal|qatar|roumanie|"
    "royaume-uni|russie|rwanda|senegal|serbie|singapour|slovaquie|slovenie|somalie|soudan|"
    "sri lanka|suede|suisse|syrie|tchad|tchequie|thailande|tunisie|turquie|ukraine|uruguay|"
    "venezuela|vietnam|yemen|zimbabwe|afrique|asie|amerique|oceanie|paris|lyon|marseille|"
    "toulouse|nice|nantes|strasbourg|bordeaux|lille|rennes|geneve|lausanne|berne|zurich|"
    "bale|bruxelles|londres|berlin|madrid|rome|lisbonne|vienne|varsovie|prague|budapest|"
    "athenes|moscou|saint-petersbourg|kiev|kyiv|minsk|ankara|istanbul|teheran|bagdad|damas|"
    "alep|beyrouth|amman|jerusalem|tel-aviv|gaza|le caire|riyad|doha|dubai|kaboul|"
    "islamabad|new delhi|delhi|pekin|shanghai|tokyo|seoul|pyongyang|hanoi|bangkok|jakarta|"
    "manille|canberra|sydney|ottawa|montreal|quebec|washington|new york|los angeles|"
    "chicago|san francisco|boston|miami|mexico|bogota|caracas|lima|brasilia|buenos aires|"
    "santiago|la havane|alger|tunis|rabat|tripoli|dakar|bamako|niamey|abidjan|kinshasa|"
    "nairobi|addis-abeba|johannesburg|le cap|stockholm|oslo|copenhague|helsinki|dublin|"
    "amsterdam|la haye|luxembourg|bucarest|sofia|belgrade|zagreb|sarajevo|tbilissi|erevan|"
    "bakou|tachkent|astana|oulan-bator"
)
