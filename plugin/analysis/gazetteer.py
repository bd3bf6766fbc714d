"""Names that name no person: places, nationalities and party words, and well-known
organisations; and common given names of men and of women. Written for this project from
general knowledge (no data set's words).

The speaker finder uses them to tell "China said" (a country speaking: an organisation) and
"said one Republican operative" (a description) from a person's surname. A name is only
looked up here when the article gives no person with that name, so a surname that is also a
place ("Washington", "Jordan") still joins the person the article names.
"""
from __future__ import annotations

_COUNTRIES = """
Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan
Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia
Botswana Brazil Britain Brunei Bulgaria Burma Burundi Cambodia Cameroon Canada Chile China
Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark Djibouti Dominica Ecuador Egypt
England Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia Germany Ghana
Greece Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India Indonesia Iran
Iraq Ireland Israel Italy Jamaica Japan Kazakhstan Kenya Kiribati Kosovo Kuwait Kyrgyzstan
Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar
Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Micronesia Moldova Monaco
Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua
Niger Nigeria Norway Oman Pakistan Palau Palestine Panama Paraguay Peru Philippines Poland
Portugal Qatar Romania Russia Rwanda Samoa Scotland Senegal Serbia Seychelles Singapore
Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan
Tanzania Thailand Togo Tonga Tunisia Turkey Turkmenistan Tuvalu Uganda Ukraine Uruguay
Uzbekistan Vanuatu Vatican Venezuela Vietnam Wales Yemen Zambia Zimbabwe
America USA UK U.S. U.K.
"""

_MULTI_WORD_PLACES = [
    "North Korea", "South Korea", "United States", "United Kingdom", "Saudi Arabia",
    "New Zealand", "South Africa", "Sri Lanka", "Costa Rica", "El Salvador", "Puerto Rico",
    "Hong Kong", "Czech Republic", "Dominican Republic", "Ivory Coast", "Sierra Leone",
    "South Sudan", "North Macedonia", "Papua New Guinea", "Burkina Faso", "East Timor",
    "United Arab Emirates", "Great Britain", "Northern Ireland", "West Bank", "Gaza Strip",
    "Middle East", "Latin America", "South America", "North America", "Central America",
    "Western Europe", "Eastern Europe", "New York", "New Jersey", "New Hampshire",
    "New Mexico", "North Carolina", "South Carolina", "North Dakota", "South Dakota",
    "West Virginia", "Rhode Island", "New York City", "Los Angeles", "San Francisco",
    "San Diego", "San Antonio", "Las Vegas", "New Orleans", "Salt Lake City", "Kansas City",
    "St. Louis", "Silicon Valley", "Capitol Hill", "Wall Street", "New Delhi", "Tel Aviv",
    "Mexico City", "Sao Paulo", "Rio de Janeiro", "Buenos Aires", "New England",
]

_US_STATES = """
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts
Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon
Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming
"""

_CITIES_AND_REGIONS = """
Beijing Moscow Tehran Pyongyang Seoul Tokyo Kabul Baghdad Damascus Ankara Istanbul Cairo
Riyadh Jerusalem Gaza Kyiv Kiev Minsk Warsaw Berlin Paris London Brussels Rome Madrid
Lisbon Vienna Athens Geneva Ottawa Toronto Havana Caracas Brasilia Delhi Mumbai Islamabad
Karachi Dhaka Manila Jakarta Bangkok Hanoi Taipei Canberra Sydney Nairobi Lagos Tripoli
Benghazi Doha Dubai Sanaa Crimea Kashmir Donbas Chechnya Siberia Tibet Xinjiang Europe Asia
Africa Antarctica Oceania Arctic Balkans Caribbean Scandinavia Chicago Boston Houston
Dallas Atlanta Miami Philadelphia Baltimore Detroit Cleveland Seattle Denver Phoenix
Tucson Portland Minneapolis Milwaukee Pittsburgh Cincinnati Nashville Memphis Austin
Charlotte Orlando Tampa Sacramento Oakland Brooklyn Manhattan Queens Bronx Harlem
Ferguson Charlottesville Parkland Newtown Flint Hollywood
Ala Ariz Ark Calif Colo Conn Fla Ill Kan Mass Mich Minn Mont Neb Nev Okla Tenn Tex Wis Wyo
Va Vt Pa Md Ky Mo Ga Del Ore Wash Ind DC
Jersey Hampshire Zealand Carolina Dakota
"""

# nationalities, regions' and religions' adjectives, and party words: describe a speaker
# ("one Republican operative", "the Russian"), never name one
_DESCRIPTIVE = """
American Americans Russian Chinese British English Scottish Welsh Irish French German
Italian Spanish Portuguese Dutch Belgian Swiss Austrian Swedish Norwegian Danish Finnish
Polish Czech Hungarian Greek Turkish Ukrainian Belarusian Georgian Armenian Israeli
Palestinian Iranian Iraqi Syrian Lebanese Jordanian Saudi Egyptian Libyan Yemeni Afghan
Pakistani Indian Bangladeshi Japanese Korean Vietnamese Thai Filipino Indonesian
Malaysian Australian Canadian Mexican Cuban Venezuelan Colombian Brazilian Argentine
Chilean Peruvian Nigerian Kenyan Ethiopian Somali Sudanese African Asian European Arab
Latino Latina Hispanic Western Eastern Northern Southern Soviet Muslim Christian Jewish
Catholic Protestant Evangelical Mormon Sunni Shiite Islamic Republican Democratic Democrat
Conservative Liberal Labour Tory Progressive Libertarian Socialist Communist
"""

# organisations known by one word (or a short name), outlets and platforms among them
_ORGANISATIONS = """
Pentagon Kremlin Treasury Congress Parliament Knesset Duma Bundestag Vatican Interpol
Politico Axios Vox BuzzFeed Breitbart Guardian Atlantic Newsweek Reuters Gallup Rasmussen WaPo
Quinnipiac Marist Ipsos YouGov Twitter Facebook YouTube Google Apple Amazon Microsoft
Reddit Instagram TikTok WhatsApp WikiLeaks Infowars Huawei Verizon Walmart Boeing Netflix
Uber Tesla Disney Comcast Pfizer Moderna Exxon Chevron Nato NATO EU UN AP TV CNN NBC ABC
CBS MSNBC NPR PBS BBC Fox Politifact PolitiFact Snopes Mediaite Slate Salon HuffPost
Newsmax Yahoo Wired Hamas Hezbollah Taliban ISIS ISIL Al-Qaeda Senate Administration Intercept
Verge Gawker Jezebel Deadspin Vice Fed
"""


# things, laws and ideas that quotations are about but that say nothing
_THINGS = """
Obamacare Medicare Medicaid Brexit Internet Islam Bible Koran Quran Constitution COVID-19
Covid-19 Coronavirus Advertisement Continue Editorial
"""

_MULTI_WORD_ORGANISATIONS = ["New Yorker", "New Republic", "Daily Beast", "Daily Caller",
                             "Daily Mail", "White House", "Fox News", "Al Jazeera", "Islamic State"]


def _words(block: str) -> frozenset:
    return frozenset(block.split())


PLACES = frozenset(_words(_COUNTRIES) | _words(_US_STATES) | _words(_CITIES_AND_REGIONS)
                   | set(_MULTI_WORD_PLACES))
DESCRIPTIVE = _words(_DESCRIPTIVE)
THINGS = _words(_THINGS)
ORGANISATIONS = _words(_ORGANISATIONS) | frozenset(_MULTI_WORD_ORGANISATIONS)
# second words after "New" that make a place or an outlet ("New York", "The New Yorker"): the
# "New" stays in the name
AFTER_NEW = frozenset({"York", "Jersey", "Hampshire", "Mexico", "Zealand", "Orleans", "Delhi",
                       "England", "Yorker", "Republic", "Haven", "Brunswick", "Guinea"})


def kind_of(name: str) -> str | None:
    """What a capitalised name is when it is not a person's: "place" (a country, state, city
    or region: "China", "New York"), "organisation" (a well-known one: "Pentagon",
    "Politico"), "descriptive" (a nationality or party word, or a run of them with places:
    "Republican", "New York Democrat"), "group" (its plural: "Iraqis"), "thing" (a law, a
    thing: "Obamacare"); None when it may name a person."""
    if name in PLACES:
        return "place"
    if name in ORGANISATIONS:
        return "organisation"
    if name in DESCRIPTIVE:
        return "descriptive"
    if name in THINGS:
        return "thing"
    if name[-1:] == "s" and name[:-1] in DESCRIPTIVE:
        return "group"  # "Iraqis", "Hispanics"
    toks = name.split()
    if len(toks) > 1 and toks[-1] in DESCRIPTIVE and " ".join(toks[:-1]) in PLACES:
        return "descriptive"  # "the New York Democrat", "a Texas Republican"
    return None


# common given names that name a man or a woman (English-language news), for "Mrs. Clinton"
# and "Mr. Clinton" in an article that names both Clintons
_MEN = """
Aaron Adam Alan Albert Alex Alexander Andrew Anthony Antonio Arthur Barack Ben Benjamin Bernie
Bill Bob Brad Bradley Brandon Brett Brian Bruce Carl Carlos Charles Chris Christopher Chuck Colin
Craig Dan Daniel Dave David Dennis Dick Don Donald Doug Douglas Ed Edward Eric Frank Fred
Gary George Gerald Greg Gregory Harry Henry Howard Jack Jacob Jake James Jared Jason Jay Jeb
Jeff Jeffrey Jerry Jim Jimmy Joe Joel John Johnny Jon Jonathan Jose Joseph Josh Joshua Juan
Justin Keith Ken Kenneth Kevin Larry Lee Louis Luis Marco Mark Martin Matt Matthew Michael
Mike Mitch Mitt Nathan Neil Nick Nicholas Patrick Paul Pete Peter Phil Philip Ralph Rand
Randy Ray Richard Rick Rob Robert Roger Ron Ronald Roy Rudy Russell Ryan Sam Samuel Scott Sean
Stephen Steve Steven Ted Terry Thomas Tim Timothy Todd Tom Tony Trey Tyler Vladimir Walter
Wayne William Willie Xi Zach
"""
_WOMEN = """
Abigail Alexandria Alice Alicia Alison Amanda Amy Andrea Angela Ann Anna Anne Ashley Barbara
Betsy Betty Beverly Brenda Carla Carol Caroline Catherine Cathy Chelsea Cheryl Christina
Christine Cindy Claire Claudia Cynthia Dana Debbie Deborah Debra Denise Diana Diane Dianne
Donna Doris Dorothy Elaine Elizabeth Ellen Emily Emma Erin Eva Evelyn Frances Gina Gloria
Hannah Heather Heidi Helen Hillary Ilhan Irene Ivanka Jackie Jacqueline Jane Janet Janice
Jean Jennifer Jenny Jessica Jill Joan Joanne Joni Joyce Judith Judy Julia Julie Karen Kate
Katherine Kathleen Kathryn Kathy Kayleigh Kelly Kellyanne Kim Kimberly Kirsten Kristen
Laura Lauren Linda Lisa Lori Louise Lucy Lynn Margaret Maria Marie Marilyn Martha Mary
Megan Melania Melissa Michelle Monica Nancy Natalie Nicole Nikki Olivia Pamela Patricia
Paula Rachel Rebecca Rose Ruth Sally Samantha Sandra Sara Sarah Sharon Shirley Sonia Sophie
Stephanie Susan Suzanne Tammy Teresa Theresa Tiffany Tina Tulsi Valerie Victoria Virginia
Wendy
"""
MEN = frozenset(w.lower() for w in _MEN.split())
WOMEN = frozenset(w.lower() for w in _WOMEN.split())
# given names of the lists above that are common for both men and women ("Dana Milbank", "Kim
# Jong Un", "Lee Zeldin", "Terry Branstad"): they tell no sex (a "he" or "she" is not checked
# against them)
EITHER_SEX = frozenset("alex chris dana jackie jean kelly kim lee lynn sam terry".split())
# the sex a title before a name gives ("Mr. Clinton", "Mrs. Clinton"), by the title in lower case
TITLE_SEX = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def given_name_sex(word: str) -> str | None:
    """"m" or "f" for a common given name of one sex ("Hillary"), else None ("Dana", "Beto")."""
    key = word.lower()
    if key in EITHER_SEX:
        return None
    return "m" if key in MEN else "f" if key in WOMEN else None
