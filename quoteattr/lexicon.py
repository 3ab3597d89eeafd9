"""Word lists that attribution relies on: data, not code (lower-case lemmas)."""

from __future__ import annotations

# Verbs that introduce speech or writing ("said", "told", "threatens", "was quoted as saying").
CUE_VERBS = frozenset(
    """
    say tell add ask state warn insist write claim explain note argue declare announce reply respond answer
    acknowledge admit concede confirm deny suggest recall remark comment observe conclude emphasize
    emphasise stress predict promise vow pledge threaten urge describe characterize label dub praise
    criticize criticise complain lament boast joke quip tweet post report testify assert maintain contend
    charge allege accuse blast slam mock shout scream yell cry whisper murmur mutter exclaim proclaim chant
    demand plead beg agree disagree counter retort interject tout hail deride decry dismiss brand term quote
    cite recount summarize reiterate repeat mention caution advise assure reassure preach lecture speak
    chime muse sigh laugh snap bark thunder roar gush rave fume rail rant vent opine posit theorize
    speculate guess text email message blog read sing pray call refer tease taunt scoff sneer inform
    disclose reveal recommend propose instruct question wonder estimate calculate forecast elaborate clarify
    stipulate specify contradict point thank echo portray discuss highlight express continue order challenge
    release herald applaud laud imply denounce condemn ridicule lambaste chide scold reaffirm brag voice
    swear nickname worry blame talk""".split()
)

# Verbs that introduce speech only with their particle: "went on about “…”", "shot back".
CUE_PARTICLES = {
    "go": "on",
    "shoot": "back",
    "fire": "back",
    "hit": "back",
    "lash": "out",
    "weigh": "in",
    "speak": "out",
    "sound": "off",
    "pipe": "up",
    "cut": "in",
    "spell": "out",
    "hold": "forth",
}

# Auxiliaries of what is yet to come: "Melania would discuss it “…”" is not said yet.
MODALS = frozenset({"will", "would", "shall", "should", "may", "might", "could", "can", "must"})

# Words that open a clause of time, cause or condition: its cue reports its own subject.
SUBORDINATORS = frozenset(
    {"when", "after", "before", "while", "because", "if", "since", "until", "although", "though", "unless", "once"}
)

# Nouns that report speech in "in a statement", "told X in an interview" and "X's remarks".
CUE_NOUNS = frozenset(
    """statement interview remark remarks comment comments tweet post speech letter email memo
    release announcement testimony op-ed column essay message""".split()
)

# Nouns naming a role: they make a noun phrase a title ("director of ...", "Foreign Minister").
TITLE_NOUNS = frozenset(
    """
    president vice-president minister secretary senator sen. representative rep. congressman congresswoman
    congressmember lawmaker legislator governor gov. mayor spokesman spokeswoman spokesperson director
    chairman chairwoman chair chief head leader ambassador official officer adviser advisor aide analyst
    professor prof. economist lawyer attorney general gen. commander candidate nominee manager founder
    co-founder ceo cfo coo executive editor correspondent reporter researcher fellow expert strategist
    consultant pollster judge justice prosecutor sheriff chancellor premier king queen prince princess pope
    bishop rabbi pastor reverend rev. mp diplomat envoy commissioner coordinator deputy assistant treasurer
    member partner owner principal superintendent coach captain capt. colonel col. lieutenant lt. sergeant
    sgt. admiral speaker whip delegate councilman councilwoman councilor alderman chairperson
    president-elect vice dean provost scientist physician doctor dr. surgeon historian author writer
    columnist commentator host anchor activist organizer organiser campaigner operative staffer employee
    worker administrator administration inspector investigator detective agent director-general
    secretary-general attorney-general teacher student voter supporter resident citizen veteran trooper
    emissary negotiator mediator monarch emperor dictator strongman prime foreign defense defence interior
    finance state boss surrogate hopeful runner assemblyman assemblywoman assemblymember""".split()
)

# Words of TITLE_NOUNS that name nobody by themselves, only a part of a title ("Secretary of
# State", "Prime Minister", "the Obama administration").
TITLE_PARTS = frozenset("prime foreign defense defence interior finance state vice administration".split())

# Words written with a final period that is part of them ("Jr.", "Inc."), not a full stop.
ABBREVIATIONS = frozenset(
    """jr sr inc co corp ltd llc plc bros st mt ft no vs etc dr mr mrs ms prof gen col lt sgt capt gov sen rep rev
    hon adm cmdr jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)

# Abbreviated titles that stand before a name ("Sen. Ted Cruz"): their period ends no sentence.
TITLE_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep del gov lt gen col capt sgt adm cmdr rev hon pres atty supt maj cpl pvt amb sec".split()
)

# Honorifics that precede a name and are not part of it; some also tell the gender.
HONORIFICS = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "sir": "m",
    "dame": "f",
    "dr": None,
    "dr.": None,
    "prof": None,
    "prof.": None,
    "sen": None,
    "sen.": None,
    "rep": None,
    "rep.": None,
    "gov": None,
    "gov.": None,
    "gen": None,
    "gen.": None,
    "lt": None,
    "lt.": None,
    "col": None,
    "col.": None,
    "capt": None,
    "capt.": None,
    "sgt": None,
    "sgt.": None,
    "rev": None,
    "rev.": None,
    "hon": None,
    "hon.": None,
    "president": None,
    "senator": None,
    "governor": None,
}

PERSONAL_PRONOUNS = {
    "he": ("m", "sg"),
    "him": ("m", "sg"),
    "she": ("f", "sg"),
    "her": ("f", "sg"),
    "they": (None, "pl"),
    "them": (None, "pl"),
    "we": (None, "pl"),
    "i": (None, "sg"),
    "it": ("n", "sg"),
}
# Dashes that set a signature off a quotation ("“…” ― Sonya Herridge").
DASHES = "―—–-"
# Words after which a title-cased quotation names a work: "on “Meet the Press”", "the podcast “Here’s the Thing”".
WORK_INTRODUCERS = frozenset(
    {"on", "in", "with", "at", "from", "the", "a", "an", "titled", "entitled"}
    | {"show", "program", "programme", "podcast", "series", "episode", "segment", "broadcast", "book", "memoir"}
    | {"novel", "film", "movie", "documentary", "album", "song", "column", "op-ed", "website", "newsletter"}
    | {"magazine", "play", "musical", "slogan", "hashtag"}
)
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# Words that are never part of a person's name, even capitalised at a sentence's start
# (modals like "May" and "Will" are left out: they can be names).
FUNCTION_WORDS = frozenset(
    """the a an this that these those some any each every all both no i you he she it we they me him us them
    my your his its our their in on at by for with from to of into onto over under about after before during
    since until upon within without through between among against across behind and but or nor so yet if
    because although though while when where whether as than then is are was were be been being am do does
    did have has had would should could what who whom whose which why how not also just even still only
    there here however meanwhile instead now""".split()
)
# Nouns that make an unnamed noun phrase a person ("the official", "a spokeswoman").
PERSON_NOUNS = TITLE_NOUNS | frozenset(
    """person man woman source sources people officials spokesmen aides advisers experts analysts critics
    supporters voters residents witnesses businessman businesswoman businessmen mogul tycoon billionaire
    millionaire entrepreneur investor actor actress star comedian singer rapper musician celebrity host
    moderator narrator journalist reporters blogger pundit publisher lobbyist heavyweight heavyweights
    front-runner frontrunner challenger incumbent neurosurgeon surgeon nurse priest preacher imam archbishop
    soldier farmer caller fan fans survivor victim mom dad grandmother grandfather lady""".split()
)

# Nouns that can be a speaker without a name: people, and the organisations and
# documents that speak for them ("the campaign said", "the report says").
SPEAKER_NOUNS = PERSON_NOUNS | frozenset(
    """campaign government committee department office agency party group company firm newspaper paper network
    station magazine outlet media press police report study poll survey statement document letter memo
    article ad advertisement book filing complaint lawsuit analysis editorial website site post tweet video
    court council board commission panel team staff ministry embassy union organization organisation
    foundation institute center centre university school coalition alliance army military democrats
    republicans observers lawmakers leaders members protesters activists students workers family friend
    friends colleague colleagues neighbor neighbour wife husband mother father son daughter brother sister
    parent parents opponent opponents rival rivals ally allies crowd audience campaigners republican
    democrat conservative liberal progressive insider insiders guy men women rep account release message
    note sign banner caption headline slogan chant motto speech piece transcript publication textbook email
    column blog announcement commercial voice""".split()
)
# Things that bear words but say nothing: what "the banner read" or "the sign said" quotes
# is an inscription, with no speaker.
INSCRIPTION_NOUNS = frozenset(
    """sign banner placard poster label caption headline motto sticker plaque inscription billboard
    shirt t-shirt graffiti button badge logo plate tattoo""".split()
)
# Verbs of speaking whose subject is a speaker whatever noun it is ("the driver said",
# "the nurse shouted"): the person-noun lists above are a hint, not a gate, for these.
SPEAKING_VERBS = frozenset(
    """say tell shout scream yell cry whisper murmur mutter exclaim reply retort answer ask add insist
    explain complain argue admit warn joke quip recall plead beg chant""".split()
)
# Verbs that make the speech they govern imagined, not said ("You will never hear him say …").
IMAGINING_VERBS = frozenset("imagine picture envision pretend dream fantasize".split())
PERCEPTION_VERBS = frozenset("hear see expect catch wait want".split())
NEGATIONS = frozenset({"never", "not", "n't", "n’t", "no"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it", "who"})

# Irregular past forms of cue verbs; regular forms (-s, -ed, -d) are derived in cue_forms().
_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "read": ("read",),
    "sing": ("sang", "sung"),
    "put": ("put",),
    "cry": ("cried", "cries"),
    "reply": ("replied", "replies"),
    "testify": ("testified", "testifies"),
    "deny": ("denied", "denies"),
    "quip": ("quipped",),
    "snap": ("snapped",),
    "blog": ("blogged",),
}


def cue_forms() -> frozenset[str]:
    """Inflected forms of the cue verbs ("says", "added", "told"), for tokens a tagger mislabels.

    >>> {"says", "noted", "told", "saying", "describing"} <= cue_forms()
    True
    """
    forms = set()
    for lemma in CUE_VERBS:
        stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
        forms.update({lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d" if lemma.endswith("e") else ""})
        forms.update(_IRREGULAR.get(lemma, ()))
    return frozenset(forms - {""})


CUE_FORMS = cue_forms()

# Proper nouns that name times, not speakers ("Sunday", "March").
TIME_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december""".split()
)

# Last words that make a name an organisation's, not a person's ("General Motors",
# "Judge Rotenberg Center"): a title word in front of them is part of the name.
ORGANISATION_WORDS = frozenset(
    """motors electric committee party department council times post news journal tribune herald press network
    center centre institute foundation university college school association union commission court agency
    office bureau board corporation company group fund bank administration campaign house senate congress
    assembly ministry service services church society club league coalition alliance caucus republic
    organization organisation project watch network report magazine times channel""".split()
)

# Nouns for how people are related, not what they do: "his wife", "an ally" are no titles.
RELATIONAL_NOUNS = frozenset(
    """wife husband son daughter mother father brother sister niece nephew cousin aunt uncle grandson
    granddaughter grandmother grandfather friend ally opponent rival foe critic fan admirer neighbor
    neighbour partner girlfriend boyfriend fiancé fiancée widow widower child parent""".split()
)

# Nouns that show a person's gender ("spokeswoman", "congressman"), as NAMES.md counts them.
GENDERED_NOUNS = {
    **dict.fromkeys(
        """spokeswoman chairwoman congresswoman councilwoman businesswoman woman actress mother wife daughter
        sister niece aunt grandmother granddaughter widow queen princess girlfriend fiancée lady mom
        congresswomen stateswoman sportswoman assemblywoman committeewoman alderwoman anchorwoman
        policewoman""".split(),
        "female",
    ),
    **dict.fromkeys(
        """spokesman congressman councilman businessman man actor father husband son brother nephew
        uncle grandfather grandson widower king prince boyfriend fiancé dad gentleman statesman sportsman
        assemblyman committeeman alderman anchorman policeman congressmen""".split(),
        "male",
    ),
}

# Nouns for documents and broadcasts that speak for their author ("the report said").
DOCUMENT_NOUNS = frozenset(
    """ad advertisement affidavit agreement amendment analysis announcement article assessment audit banner bill
    blog book brief brochure bulletin bylaws cable caption card chart charter clip column commercial complaint
    constitution contract database decision deposition dispatch document documents draft e-mail editorial email
    essay excerpt excerpts filing flyer footage graphic guide guidelines headline indictment invitation law
    lawsuit leaflet legislation letter list mailer manifesto manual map memo memorandum message motion narration
    note notice op-ed opinion order page pamphlet paper petition piece plan platform poll post press proposal
    publication questionnaire records release report resolution review rules ruling script sign site slogan
    standards statement story study suit summary survey testimony textbook transcript treaty tweet verdict video
    webpage website""".split()
)

# Party and faction words that describe a person before the name ("Republican Donald Trump"):
# the article's description, not part of the name.
PARTY_WORDS = frozenset(
    """republican republicans democrat democrats democratic gop libertarian independent conservative liberal
    progressive tory labour""".split()
)

# Abbreviated titles and the words they stand for, so that "the Vermont senator" finds "Vermont Sen.".
TITLE_EXPANSIONS = {
    "sen": "senator",
    "ag": "attorney general",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "sgt": "sergeant",
    "prof": "professor",
    "dr": "doctor",
    "pres": "president",
    "atty": "attorney",
    "sec": "secretary",
    "amb": "ambassador",
    "del": "delegate",
    "congressman": "representative",
    "congresswoman": "representative",
}

# Pronouns that show the gender of the person they stand for.
PRONOUN_GENDERS = {
    **dict.fromkeys(("he", "him", "his", "himself"), "male"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "female"),
}

# ------------------------------------------------------------------ kinds and gender of sources
# Nouns that make a speaker an organisation ("the campaign said", "the agency", "Kasich's campaign").
ORGANISATION_NOUNS = frozenset(
    """campaign government administration committee department office agency party company firm corporation
    business newspaper paper network station channel magazine outlet publication media press court council
    board commission panel ministry embassy consulate union organization organisation foundation institute
    center centre university college school coalition alliance army military navy regime bureau authority
    service association federation league club church charity parliament congress senate legislature
    assembly cabinet secretariat mission delegation caucus pac super-pac bank fund group body tribunal
    watchdog nonprofit non-profit think-tank tank lab laboratory hospital airline website site broadcaster
    daily weekly tabloid wire""".split()
)
# Words that end an organisation's name ("New York Times", "Democratic National Committee").
ORGANISATION_NAME_WORDS = frozenset(
    """times post news journal herald tribune gazette examiner beast press review today daily weekly
    magazine reporter observer guardian telegraph independent mail mirror sun star standard chronicle
    inquirer register bulletin dispatch record monitor economist atlantic politico axios reuters bloomberg
    committee council commission department agency party campaign pac fund bank university college
    institute institution foundation association union court administration office bureau service
    organization organisation center centre network networks inc corp co company group league alliance
    coalition federation society club church ministry nations security senate congress parliament house
    pentagon kremlin police army navy energy international corporation industries airlines republic
    partners holdings systems technologies capital media broadcasting tv radio""".split()
)
# Countries and other polities that speak as governments ("Russia said", "South Korea warned").
COUNTRIES = frozenset(
    """afghanistan albania algeria angola argentina armenia australia austria azerbaijan bahrain bangladesh
    belarus belgium bolivia bosnia brazil britain bulgaria cambodia cameroon canada chile china colombia
    congo croatia cuba cyprus czechia denmark ecuador egypt england eritrea estonia ethiopia europe finland
    france georgia germany ghana greece guatemala haiti honduras hungary iceland india indonesia iran iraq
    ireland israel italy japan jordan kazakhstan kenya korea kosovo kuwait laos latvia lebanon libya
    lithuania luxembourg macedonia malaysia mali mexico moldova mongolia montenegro morocco myanmar nepal
    netherlands nicaragua niger nigeria norway oman pakistan palestine panama paraguay peru philippines
    poland portugal qatar romania russia rwanda scotland senegal serbia singapore slovakia slovenia somalia
    spain sudan sweden switzerland syria taiwan tajikistan tanzania thailand tunisia turkey turkmenistan
    uganda ukraine uruguay uzbekistan venezuela vietnam wales yemen zambia zimbabwe us u.s. usa uk u.k. eu
    u.n. un nato moscow beijing pyongyang tehran kyiv kiev washington seoul tokyo damascus ankara london
    paris berlin brussels america alabama alaska arizona arkansas california colorado connecticut delaware
    florida hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
    tennessee texas utah vermont virginia wisconsin wyoming""".split()
)
# Prepositions of place: a name after them is where something happens, not who ("in Ohio").
PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "across", "near", "outside", "inside", "throughout", "around"})
# Nouns for several people taken together ("the crowd", "Police", "his family").
COLLECTIVE_NOUNS = frozenset(
    """crowd audience family police staff team couple public electorate majority minority plurality percent
    people dozens hundreds thousands millions some many most few several others all both half""".split()
)
# Role nouns that say what someone is, not which office they hold: "the voter" or "the
# official" is no one the article named unless a resolver says so.
GENERIC_PERSON_NOUNS = frozenset(
    """voter supporter resident citizen veteran student worker employee member doctor physician nurse patient
    friend fan official officer source person man woman people expert analyst observer narrator announcer
    caller questioner witness""".split()
)
# Nouns for someone's kin: "Scott's niece" or "my father" is a particular person.
KIN_NOUNS = frozenset(
    """wife husband mother father mom dad son daughter brother sister niece nephew aunt uncle cousin
    grandmother grandfather grandson granddaughter widow widower fiance fiancee fiancée stepmother
    stepfather stepson stepdaughter parent""".split()
)
# Determiners and quantifiers that introduce someone new and unnamed ("a voter", "one questioner").
INDEFINITE_WORDS = frozenset({"a", "an", "one", "another", "someone", "somebody", "some"})
# Nouns whose speaker is a source kept unnamed by definition ("a source said", "sources close to").
ANONYMOUS_NOUNS = frozenset({"source", "sources", "insider", "insiders"})
# What an article says of a source it keeps unnamed on purpose, as regular expressions on
# lower-cased text ("spoke on condition of anonymity", "not authorized to speak publicly").
ANONYMITY_PATTERNS = (
    r"\banonymity\b",
    r"\banonymously\b",
    r"\bnot (?:been )?authori[sz]ed to (?:speak|talk|comment|discuss|be (?:named|identified|quoted))",
    r"\b(?:declined|asked|refused|requested|wished) (?:not )?to be (?:named|identified|quoted by name)",
    r"\bon condition (?:that )?(?:he|she|they|it) (?:not )?(?:be )?(?:named|identified)",
    r"\bfamiliar with\b",
    r"\bwith (?:direct )?knowledge of\b",
    r"\bbriefed on\b",
    r"\bclose to the\b",
    r"\bwho (?:was|were) not named\b",
)
# Words that show a gender for the person they describe: honorifics and gendered nouns.
FEMALE_WORDS = frozenset(
    """mrs mrs. ms ms. miss madam madame dame lady woman women girl mother mom mum grandmother grandma
    wife daughter sister aunt niece granddaughter widow bride girlfriend fiancee fiancée stepmother
    actress waitress hostess heiress duchess countess baroness princess queen empress nun
    spokeswoman congresswoman chairwoman councilwoman assemblywoman businesswoman anchorwoman
    policewoman sportswoman stateswoman alderwoman committeewoman congresswomen""".split()
)
MALE_WORDS = frozenset(
    """mr mr. sir lord man men boy father dad grandfather grandpa husband son brother uncle nephew
    grandson widower groom boyfriend fiance stepfather king prince duke baron emperor monk fr. father
    spokesman congressman councilman assemblyman businessman anchorman policeman
    sportsman statesman alderman committeeman congressmen""".split()
)
