"""English word lists and word patterns: the one home for what the analysis and the
comparisons take to be a word, a reporting verb, a title or a stop word.

Each list keeps the exact members and order its users were tuned with (regular expressions try
alternatives in order); the subsets are named for the job they do.
"""
from __future__ import annotations

import re

# --- what counts as a word -------------------------------------------------------------------

# word characters, with contractions and possessives joined ("don't", "West’s")
WORD = re.compile(r"\w+(?:['’]\w+)*")
# letters and digits (no underscore), joined the same way: content words of a sentence
CONTENT_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# letters only, with at most one apostrophe piece: for telling English text from other text
LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# ASCII letters with inner apostrophes and hyphens: lexicon terms and the words annotators mark
ASCII_TERM = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
# a byte translation table that keeps the ASCII lower-case letters and turns every other byte
# into a space: ``text.encode("ascii", "replace").lower().translate(ASCII_LETTERS_ONLY).split()``
# gives the runs of ASCII letters at C speed
ASCII_LETTERS_ONLY = bytes(c if ord("a") <= c <= ord("z") else ord(" ") for c in range(256))

# --- reporting verbs -------------------------------------------------------------------------

# verbs (and verb phrases) that attribute words to a speaker, as a regex alternation
REPORT_VERBS = (
    "said|says|say|told|tells|added|adds|wrote|writes|tweeted|tweets|posted|posts|continued|"
    "continues|explained|explains|argued|argues|asked|asks|announced|announces|stated|states|"
    "noted|notes|declared|declares|replied|replies|responded|responds|insisted|insists|"
    "claimed|claims|proclaimed|concluded|concludes|commented|comments|read|reads|recalled|"
    "recalls|warned|warns|quipped|joked|jokes|admitted|admits|confirmed|confirms|shared|"
    "shouted|yelled|exclaimed|answered|answers|acknowledged|acknowledges|conceded|concedes|"
    "suggested|suggests|predicted|predicts|charged|charges|countered|counters|cautioned|"
    "observed|observes|mused|muses|pointed out|points out|went on|goes on|reiterated|"
    "emphasized|emphasised|stressed|stresses|complained|complains|boasted|boasts|vowed|"
    "vows|promised|promises|urged|urges|demanded|demands|testified|testifies|remarked|"
    "recounted|recounts|whispered|screamed|chanted|texted|messaged|captioned|tells|"
    "alleged|alleges|maintained|maintains|contended|contends|wondered|agreed|agrees|"
    "pleaded|begged|thundered|fumed|snapped|retorted|scoffed|lamented|laments|sighed|"
    "interjected|interrupted|offered|added that|noted that|explains|concluded with|"
    "shot back|fired back|hit back|pressed|chimed in|piped up|wrote back|tweeted back|"
    "sings|sang|retweeted|replied back|says of|said of"
)
# those that are also plural nouns ("his recent posts", "the tweets"): not safe before a quote
NOUN_LIKE_REPORT_VERBS = {"tweets", "posts", "comments", "reads", "notes", "states", "claims", "charges",
             "demands", "promises", "vows", "urges", "answers", "says", "tells", "counters",
             "concludes", "alleges", "jokes", "suggests", "laments", "boasts", "stresses",
             "replies", "responds", "explains", "argues", "asks", "adds", "writes", "warns",
             "continues", "insists", "declares", "announces", "recalls", "confirms", "admits",
             "acknowledges", "concedes", "predicts", "observes", "muses", "complains",
             "testifies", "recounts", "maintains", "contends", "agrees", "points out",
             "goes on"}
# the verbs that, after a sentence-final quotation mark, continue the sentence ('"Is that
# allowed?" Kardashian wrote.')
ATTRIBUTION_VERBS = ("said|says|wrote|writes|tweeted|tweets|asked|asks|added|adds|told|tells|"
                     "replied|responded|continued|explained|posted|argued|insisted|noted|"
                     "stated|declared|exclaimed|shouted|answered|commented|joked|quipped")
# verbs that put the speaker's name after them before a quotation ("..., said Sanders: “")
VERBS_BEFORE_NAME = "explained|added|continued|wrote|said|asked|noted|argued|warned|recalled"
# verbs right before a quotation that make it a full (not embedded) quotation ("said “...")
VERBS_BEFORE_QUOTE = ("said|says|wrote|writes|tweeted|tweets|added|asked|replied|responded|"
                      "continued|declared|posted|read|reads")
# the verbs that make "The rapper said" an attribution rather than a descriptive subject
SAID_VERBS = "said|says|told|wrote|added"
# the words that open a description of a speaker or a document ("the statement", "her lawyer")
DETERMINERS = r"(?:[Tt]he|[Aa]n?|[Aa]nother|[Oo]ne|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)"
# participles and "and said" that attribute a quotation to the subject of their clause
ATTRIBUTING_PARTICIPLES = (r"tweeting|writing|saying|adding|telling \w+|noting|arguing|"
                           "explaining|continuing|posting|responding|replying|declaring|"
                           "captioning|and (?:said|wrote|tweeted|added)")

# words after which a short quotation in the same sentence is someone's words, not scare quotes
# ("called it a 'disaster'", "said the 'mob' can't ...")
ATTRIBUTING_WORDS = frozenset("""said says say saying told tells telling call calls called calling
dubbed dubs dubbing labeled labelled labels labeling labelling branded brands branding described
describes describing termed terms wrote writes tweeted tweets posted declared declares warned
warns claimed claims insisted insists argued argues added adds characterized characterised
characterizes characterises deemed deems dismissed denounced decried accused accuses vowed
promised asked urged complained suggested noted blamed quoted quoting chanted shouted yelled
screamed praised hailed according referred refers referring""".split())

# --- titles before a name --------------------------------------------------------------------

# abbreviated titles: a period after them never ends a sentence ("Mr.", "Sen.")
TITLE_ABBREVIATIONS = {
    "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Profs", "Gov", "Govs", "Sen",
    "Sens", "Rep", "Reps", "Gen", "Gens", "Col", "Lt", "Sgt", "Capt", "Cmdr", "Adm", "Maj",
    "Cpl", "Pvt", "Rev", "Hon", "Supt", "Det", "Insp", "Atty", "Mt", "St", "Ft", "Pres",
    "Amb", "Brig", "Cdr", "Gov-elect", "Lt-Gen", "Msgr", "Fr", "Sra", "Mme", "Mlle",
    "MR", "MRS", "MS", "DR",
}
# the abbreviated titles quotation attribution takes as part of a speaker's name
NAME_TITLE_ABBREVIATIONS = "Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Rev|Lt|Col|Sgt|Capt|Adm|Maj"
# titles written out in full before a name
NAME_TITLES = ("President|Senator|Representative|Governor|Secretary|Speaker|Judge|Justice|"
               "Chairman|Chairwoman|Mayor|Attorney General|Vice President|Pope|Queen|King|"
               "Prince|Princess|Lord|Sir|Dame|Chancellor|Prime Minister|Minister")

# --- capitalised words that are not names ----------------------------------------------------

CAPITALISED_NON_NAMES = {
    "The", "A", "An", "In", "On", "At", "But", "And", "Or", "So", "Still", "Of", "After", "When",
    "While", "As", "If", "For", "From", "With", "By", "To", "This", "That", "These", "Those",
    "It", "Its", "There", "Here", "What", "Why", "How", "Where", "Who", "Which", "Then",
    "Now", "However", "Meanwhile", "Also", "Even", "Just", "Yet", "Although", "Though",
    "Because", "Since", "Before", "During", "Despite", "According", "Last", "Next", "Earlier",
    "Later", "Yesterday", "Today", "Tomorrow", "Twitter", "Facebook", "Instagram", "YouTube",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "America", "American", "Americans", "White", "House", "Congress",
    "Senate", "Republican", "Republicans", "Democrat", "Democrats", "Democratic", "GOP",
    "Washington", "Trump Tower", "READ", "MORE", "They", "We", "I", "You", "My", "Our",
    "Your", "Their", "His", "Her", "One", "Some", "Many", "Most", "All", "Both", "Each",
    "Every", "No", "Not", "Mr", "Mrs", "Ms", "Dr", "Thank", "Please", "Yes", "Well", "Oh",
    "Photo", "Image", "Getty", "Images", "Read", "Watch", "Comments", "Sign", "Get",
    "New", "United", "States", "U", "S", "Supreme", "Court", "Party", "News", "Times",
    "Post", "Fox", "CNN", "NBC", "ABC", "CBS", "MSNBC", "Breitbart", "Politico",
    "Adding", "Asked", "Speaking", "Writing", "Following", "Instead", "Indeed", "Overall",
    "Finally", "Additionally", "Moreover", "Furthermore", "Shortly", "Recently", "Perhaps",
    "Maybe", "Unlike", "Like", "Amid", "Among", "Under", "Over", "Through", "Without",
    "Within", "Once", "Thus", "Hence", "Nevertheless", "Nonetheless", "First", "Second",
    "Third", "Several", "Other", "Others", "Another", "Such", "Few", "Either", "Neither",
    "Any", "None", "Nothing", "Everyone", "Everything", "Someone", "Somebody", "Anyone",
    "Nobody", "People", "Comment", "Haha", "Hey", "Hi", "Ye", "That’s", "That's", "It’s",
    "It's", "There’s", "There's", "Here’s", "Here's", "What’s", "What's", "Let", "Don’t",
    "Don't", "Do", "Does", "Did", "Is", "Are", "Was", "Were", "Will", "Would", "Can",
    "Could", "Should", "Have", "Has", "Had", "Just", "Only", "Even", "Ever", "Never",
    "Media", "Video", "Similarly", "Likewise", "Separately", "Specifically", "Importantly",
    "Ultimately", "Notably", "Interestingly", "Unfortunately", "Fortunately", "Clearly",
    "Obviously", "Apparently", "Currently", "Previously", "Initially", "Eventually",
    # imperatives and interjections that open a sentence ("Wait, it gets better:")
    "Wait", "Look", "Listen", "Remember", "Consider", "Imagine", "Note", "Behold", "Sure",
    "Okay", "OK", "Alas", "Anyway",
}

# --- stop words ------------------------------------------------------------------------------

# function words and the commonest reporting verbs: not content
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves said says say told tweeted wrote
added one two new also like get got
""".split())
