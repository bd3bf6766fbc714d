"""Regenerate data/lexicon/loaded_words.csv from its permissively licensed sources.

    pip install vaderSentiment textblob     # generation only; not runtime dependencies
    python tools/build_lexicon.py

Sources, each recorded in the ``source`` column and described in ``sources.csv``:

* ``dmb-authors``: lists written by the project's authors (``data/lexicon/authors.csv`` plus the
  word lists below), from their own knowledge of loaded news language. Not taken from any
  evaluation set.
* ``vader``: VADER's ``vader_lexicon.txt`` (MIT), words whose mean valence is at least
  ``VADER_MIN`` in absolute value, minus the everyday news vocabulary in ``NEWS_NEUTRAL``
  (words that carry sentiment but that reporters use descriptively: "killed", "support",
  "protect"...). Category ``emotive``.
* ``textblob``: TextBlob's ``en/en-sentiment.xml`` (PDDL), adjectives whose subjectivity is at
  least ``TEXTBLOB_MIN_SUBJECTIVITY`` and whose absolute polarity is at least
  ``TEXTBLOB_MIN_POLARITY``, minus ``NEWS_NEUTRAL``. Category ``subjective_adjective``.

Entries from the authors' lists take precedence over the generated ones for the same term.
"""
from __future__ import annotations

import csv
import re
import sys
import xml.etree.ElementTree as ET
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "lexicon"

VADER_MIN = 3.2
TEXTBLOB_MIN_SUBJECTIVITY = 1.0
TEXTBLOB_MIN_POLARITY = 1.0

# Words written by the authors, by category. Verbs are given in their base form and inflected.
AUTHOR_VERBS = {
    "sensational_verb": """
        slam blast rip lash bash savage erupt explode rage storm fume rant hammer skewer torch
        trash shred destroy demolish annihilate eviscerate mock sneer scoff boast brag plunge
        soar skyrocket crash shock stun rock cave backpedal backtrack flip-flop lambaste
        excoriate berate scold rail seethe balk pounce tout gloat crow trumpet peddle spew
        smear tarnish ridicule deride taunt jeer dodge duck capitulate grovel cower implode
        crumble plummet tank crater spiral ravage wreak cripple gut slash axe scrap bulldoze
        railroad strong-arm bully brand decry denounce condemn blame accuse unleash wallop
        clobber trounce crush rout humiliate embarrass shame vilify demonize disparage
        belittle insult mislead deceive lie smear ambush hijack sabotage derail torpedo
        stonewall obstruct meddle rig scheme plot collude conspire cover-up whitewash
        flout defy snub rebuff spurn scorn lecture harangue badger hound harass threaten
        terrorize intimidate menace bungle botch fumble flounder stumble blunder squander
        splurge bankrupt loot plunder grab seize exploit pander grandstand posture
        fearmonger scaremonger whine whinge gripe moan bemoan lament wail shriek scream
        howl bellow rampage riot ransack maul pummel batter thrash blindside sucker-punch
        gush rave swoon fawn flatter glorify idolize lionize tout hype overhype
        spin twist distort exaggerate inflate fabricate concoct invent parrot regurgitate
        ram rubber-stamp weaponize politicize cash-in profiteer gouge fleece swindle
        admit concede insist scramble rush squirm wriggle evade shriek hail laud champion
        ignore neglect purge cheer applaud slaughter decimate obliterate wipe-out gut
        sneak smuggle pressure coerce blackmail extort bribe cheat steal rob hoodwink dupe
        con trick lure entice brainwash indoctrinate silence censor muzzle gag suppress
        crush quash stifle thwart foil scuttle kill-off stall hobble undermine erode
        weaken assault besiege bombard pepper grill roast pillory crucify lynch
        stoke inflame incite whip-up foment gaslight cherry-pick slander libel defame malign
        besmirch denigrate heckle troll brutalize butcher gun-down mow-down torture pillage
        overrun swarm dictate persecute oppress repress subjugate enslave groom sexualize
        mutilate kowtow usurp trample dismantle wreck ruin devastate strangle choke bilk
        scapegoat dog-whistle provoke cry-foul rip-off prey
        rage-tweet meander bumble flail melt-down freak-out buckle skirt sidestep deflect
        interfere cozy-up bloviate bluster whine
        assail bristle demean flaunt fret grumble harp manipulate nag pontificate preach
        rebuke rile roil snipe spar squabble swipe unload vent waffle blow-up brush-off
        brush-aside take-aim lash-out
    """,
}
AUTHOR_WORDS = {
    "pejorative": """
        extremist extremists extremism far-left far-right alt-right alt-left leftist leftists
        socialist socialists communist communists marxist marxists fascist fascists nazi nazis
        racist racists bigot bigots bigoted bigotry xenophobe xenophobic homophobic
        transphobic sexist sexists misogynist misogynistic thug thugs thuggish mob mobs
        horde hordes regime regimes cabal elite elites elitist elitists propaganda hoax
        hoaxes sham scam scams fraudster fraudsters con-man liar liars crook crooks crooked
        zealot zealots fanatic fanatics fanatical militant militants puppet puppets stooge
        stooges lackey lackeys crony cronies cronyism demagogue demagogues demagoguery tyrant
        tyrants tyranny dictator dictators despot despots authoritarian authoritarians
        snowflake snowflakes deplorable deplorables illegals globalist globalists rino rinos
        neocon neocons hardliner hardliners agitator agitators rioters looters anarchist
        anarchists anti-american un-american traitor traitors treason treasonous apologist
        apologists shill shills hack hacks grifter grifters charlatan charlatans huckster
        hucksters ideologue ideologues hyper-partisan hyperpartisan woke wokeness
        indoctrination indoctrinate brainwash brainwashed brainwashing radicalized
        fearmonger fearmongers fearmongering scaremongering conspiracy-theorist denier
        deniers pro-abortion anti-choice gun-grabbers freeloader freeloaders handouts
        nanny-state job-killing tax-and-spend bleeding-heart libtard libtards invaders
        invasion infest infested vermin savages barbaric barbarian barbarians goons goon
        henchmen henchman minions cult cultish sycophant sycophants sycophantic toady
        bootlicker blowhard windbag buffoon buffoons clown clowns imbecile imbeciles
        nitwit dimwit dunce halfwit cretin scumbag scumbags sleazy sleaze sleazebag
        degenerate degenerates pervert perverts creep creepy predator predators weasel
        coward cowards cowardly cowardice traitorous turncoat turncoats renegade renegades
        rogue thief thieves swindler swindlers racketeer racketeering kleptocrat
        kleptocracy plutocrat plutocrats oligarch oligarchs fat-cat fat-cats
        bureaucrats deep-state swamp establishment radical radicals radicalism
        warmonger warmongers warmongering jihadist jihadists islamist islamists
        islamofascist illegal-alien illegal-aliens anchor-babies welfare-queen
        feminazi feminazis commie commies pinko lefty lefties righty wingnut wingnuts
        moonbat moonbats loony-left nutcase nutcases crackpot crackpots kook kooks
        right-wing left-wing right-wingers left-wingers hard-right hard-left ultra-conservative
        ultraconservative ultra-liberal ultraliberal arch-conservative die-hard diehard
        fringe nativist nativists jingoistic chauvinist chauvinistic reactionary reactionaries
        regressive supremacist supremacists white-supremacist white-nationalist
        anti-immigrant anti-muslim anti-semitic antisemitic islamophobic islamophobia
        anti-gay anti-lgbt anti-lgbtq narcissist narcissistic egomaniac egomaniacal
        megalomaniac power-hungry power-grab mouthpiece propagandist propagandists
        apparatchik apparatchiks operatives junta lamestream fake-news hit-piece
        smear-campaign talking-points rhetoric agenda antics shenanigans hijinks ploy
        gambit bailout bailouts giveaways special-interests big-government illegal-immigrant
        illegal-immigrants illegal-immigration aliens amnesty open-borders sanctuary-cities
        orwellian stalinist mccarthyism mccarthyite jackbooted virtue-signaling
        virtue-signalling politically-correct sanctimonious self-righteous preachy
        holier-than-thou petulant whiny thin-skinned vain
        misinformation disinformation conspiracy-theory conspiracy-theories conspiracies
        falsehood falsehoods abortionist abortionists baby-killers baby-killing pro-abortion
        gun-grabbing gun-nuts weapons-of-war climate-deniers climate-denier alarmist
        alarmists socialism socialized-medicine government-takeover entitlements radical-left
        radical-right anti-police defund cop-haters race-baiting race-baiter race-baiters
        identity-politics cancel-culture mainstream-media corporate-media liberal-media
        infanticide partial-birth late-term-abortion death-tax death-panels government-run
        takeover freebies climate-crisis climate-emergency junk-science alarmism
        enemy-of-the-people insurrection insurrectionist insurrectionists domestic-terrorists
        hate-group chain-migration catch-and-release border-crisis
        venom vitriol invective bile hit-job takedown spectacle sideshow freak-show
        clown-show dumpster-fire train-wreck trainwreck quagmire morass cesspool sewer gutter
        filth garbage nonsense rubbish drivel claptrap baloney malarkey hogwash bunk
        strongman autocrat autocrats fascism grift lawlessness anarchy soft-on-crime
        spending-spree free-stuff libs dems never-trumpers trump-hating kangaroo-court
        show-trial crybaby crybabies sore-loser sore-losers loser losers weakling lightweight
        lapdog braggadocio bluster
        polluters eco-terrorists tree-huggers doomsday anti-vaxxer anti-vaxxers anti-vax
        plandemic chinese-virus wuhan-virus kung-flu medical-tyranny gender-ideology
        radical-feminists anti-trans groomer groomers gun-lobby blood-money neo-nazi
        neo-nazis race-hustler race-hustlers segregationist jihadi jihadis muslim-ban
        radical-islamic corporate-welfare class-warfare job-creators soak-the-rich tax-scam
        buffoonery fanaticism gall grandstanding hubris idiocy ignorance incompetence
        insanity lunacy madness malfeasance obstruction pandering pettiness posturing
        stupidity thuggery zealotry
        haters trolls acolytes cohorts ilk rabble riffraff lowlifes scum bullies snobs
        phonies frauds cranks nutjobs crazies wackos whackos weirdos enablers appeasers
        appeasement defeatist capitulation sellout sellouts quislings
        """,
    "subjective_adjective": """
        disastrous catastrophic devastating shocking stunning outrageous egregious appalling
        atrocious horrific horrendous disgraceful shameful disgusting despicable deplorable
        vile heinous abhorrent reprehensible ridiculous absurd ludicrous preposterous
        laughable bizarre weird crazy insane unhinged deranged erratic reckless irresponsible
        incompetent inept bumbling clueless hapless dishonest deceptive baseless unfounded
        bogus phony fake dubious controversial divisive inflammatory incendiary provocative
        polarizing toxic hateful vitriolic venomous nasty vicious brutal ruthless cruel
        harsh draconian unprecedented heroic courageous brave fearless visionary brilliant
        genius stellar extraordinary incredible amazing fantastic terrific wonderful lavish
        staggering whopping astonishing alarming troubling disturbing dangerous dire grim
        bleak dismal abysmal pathetic miserable cynical callous heartless greedy selfish
        arrogant smug condescending pompous out-of-touch tone-deaf hypocritical hysterical
        frenzied feverish rabid obsessive paranoid delusional dystopian apocalyptic
        nightmarish chaotic sloppy shoddy disgraced embattled beleaguered scandal-plagued
        scandal-ridden notorious infamous self-proclaimed self-styled would-be wannabe
        lawless racially-charged damning scathing blistering withering fiery furious irate
        livid enraged incensed outraged indignant bitter resentful hostile belligerent
        combative aggressive strident shrill desperate frantic panicked dramatic
        sensational spectacular jaw-dropping eye-popping breathtaking mind-boggling
        mind-blowing hellish horrid ghastly gruesome grotesque monstrous evil wicked sinister
        nefarious corrupt rotten putrid sordid seedy shady murky sketchy fishy slimy
        sleazy tawdry cheap petty vindictive spiteful vengeful malicious malevolent
        contemptuous contemptible loathsome odious repugnant repulsive revolting sickening
        nauseating obscene offensive insulting demeaning degrading humiliating
        embarrassing cringeworthy cringe-worthy awkward clumsy ham-fisted heavy-handed
        overbearing domineering authoritarian totalitarian oppressive repressive tyrannical
        dictatorial autocratic draconian punitive radical extreme militant zealous
        fanatical dogmatic doctrinaire ideological partisan one-sided biased slanted
        skewed rigged fraudulent bogus sham mendacious duplicitous disingenuous two-faced
        treacherous deceitful lying scheming conniving manipulative cunning sly devious
        underhanded shameless brazen blatant flagrant naked unabashed unapologetic
        defiant intransigent obstinate stubborn pigheaded obstructionist recalcitrant
        uncompromising unyielding hardline hard-line hawkish dovish weak feeble spineless
        gutless limp lame toothless impotent powerless hollow empty meaningless pointless
        useless worthless futile doomed ill-fated ill-conceived misguided wrongheaded
        foolish stupid dumb idiotic moronic asinine silly senseless mindless brainless
        ignorant uninformed clueless naive gullible credulous dim dimwitted simple-minded
        narrow-minded small-minded petty mean-spirited hateful spiteful ugly nasty
        glorious magnificent splendid superb marvelous outstanding exceptional phenomenal
        sensational tremendous remarkable impressive inspiring inspirational uplifting
        heartwarming heartbreaking heart-wrenching gut-wrenching harrowing agonizing
        excruciating tragic tragically disastrously catastrophically sweeping massive
        huge enormous gigantic colossal monumental historic landmark seismic
        earth-shattering explosive bombshell blockbuster stunning
        staunch hardcore kooky loony wacky nutty bonkers batty unstable volatile
        dysfunctional shady cozy chummy cushy swanky posh bloated wasteful exorbitant
        outlandish overblown overheated overwrought manic hyperbolic breathless gleeful
        smirking sneering snide predatory exploitative insensitive hate-filled outdated
        antiquated archaic backward extremist kafkaesque draconian onerous punishing
        crippling ruinous job-killing burdensome sweeping lurid salacious steamy tawdry
        false falsely baseless debunked discredited wrongly erroneous bogus trumped-up
        fabricated groundless specious spurious unsubstantiated far-fetched
        luxurious opulent extravagant privileged entitled spoiled coddled pampered
        skyrocketing soaring spiraling runaway rampant grisly horrifying terrifying
        frightening scary chilling inhumane sadistic drastic paltry meager measly scant
        minuscule mere
        bombastic brash boorish crude vulgar crass coarse obnoxious abrasive caustic acerbic
        snarky sarcastic self-serving self-aggrandizing grandiose vainglorious bloviating
        blustering incoherent weaponized two-tiered job-crushing tax-hiking triggered
        poisonous dirty filthy gun-toting trigger-happy crushing hollowed-out sheer utter
        stark striking glaring gaping
        abusive audacious baffling bloodthirsty crazed damaging demented destructive dodgy
        farcical feckless flawed gratuitous harmful hideous illegitimate immoral impulsive
        inane indefensible insidious intolerant irrational lazy meddling menacing misleading
        obsessed ominous pitiful scandalous unacceptable unconscionable unethical unfair
        unfit unjust unpatriotic unscrupulous untrustworthy
        acclaimed celebrated charismatic commonsense common-sense compassionate decisive
        eloquent esteemed groundbreaking hero heroes honorable masterful noble patriotic
        principled refreshing renowned revered rousing steadfast stirring tireless
        trailblazing unwavering valiant
        """,
    "intensifier": """
        extremely utterly totally completely absolutely incredibly remarkably truly really
        deeply highly hugely massively wildly insanely ridiculously outrageously shockingly
        stunningly staggeringly painfully blatantly flagrantly clearly obviously undeniably
        undoubtedly certainly definitely literally virtually entirely thoroughly severely
        sharply dramatically drastically radically fiercely bitterly vehemently harshly
        sorely desperately hopelessly grossly egregiously patently manifestly notoriously
        infamously brazenly shamelessly recklessly wantonly brutally viciously savagely
        relentlessly endlessly constantly repeatedly incessantly overwhelmingly
        enormously tremendously immensely exceedingly excessively unbelievably
        astonishingly alarmingly disturbingly frighteningly terrifyingly horribly terribly
        awfully dreadfully miserably pathetically woefully sadly tragically sorely
        unquestionably indisputably emphatically categorically flatly outright downright
        merely barely hardly scarcely actually
        conveniently curiously ironically predictably unsurprisingly tellingly bizarrely
        inexplicably dangerously deceptively disingenuously mercilessly ruthlessly
        callously cynically shamefully disgracefully stubbornly defiantly angrily furiously
        gleefully smugly arrogantly proudly boldly bravely heroically tirelessly selflessly
        fortunately unfortunately thankfully mercifully frankly squarely roundly soundly
        resoundingly baselessly
        """,
    "hedge": """
        reportedly allegedly apparently seemingly supposedly purportedly ostensibly arguably
        presumably rumored rumoured alleged purported unverified unconfirmed so-called
        """,
    "emotive": """
        outrage fury anger rage furor furore uproar firestorm frenzy chaos mayhem turmoil
        debacle fiasco disaster catastrophe calamity nightmare scandal meltdown tirade
        diatribe screed onslaught crusade witch-hunt vendetta feud spat brawl showdown
        slugfest bloodbath carnage massacre atrocity atrocities horror horrors terror
        travesty disgrace humiliation embarrassment blunder blunders gaffe gaffes flop
        betrayal treachery hypocrisy lies deceit cover-up coverup collusion corruption
        greed hatred bigotry racism sexism misogyny xenophobia hysteria paranoia
        propaganda triumph triumphant debacle shambles farce mockery charade circus
        freakout tantrum hissy-fit outburst rampage spree orgy binge bonanza windfall
        giveaway boondoggle slush-fund pork kickback kickbacks payoff bribe bribes
        plot scheme ploy stunt gimmick charade smear smears slur slurs insult insults
        jab jabs barb barbs broadside salvo onslaught assault crackdown purge
        """,
}

# Words with sentiment that reporters use descriptively; kept out of the generated entries.
NEWS_NEUTRAL = set("""
    kill kills killed killing killings death deaths dead die dies died dying war wars attack
    attacks attacked attacking crime crimes criminal criminals victim victims injured injury
    injuries wounded violence violent abuse abused terror terrorist terrorists terrorism shooting
    shootings shot shoot murder murders murdered rape raped cancer disease ill sick illness
    poverty poor lost lose loss losses losing win won winning wins winner support supported
    supporting supporters supports help helped helping helps care cares cared protect
    protected protecting protection protects safe safety secure security free freedom
    freedoms rights right justice peace peaceful love like liked likes good better best well
    great greater greatest honor honored trust trusted hope hopes hoped hopeful benefit
    benefits save saved saves saving celebrate celebrated celebration agreement agree agreed
    agrees yes no ok okay please thanks thank thanked fun party parties friend friends
    friendly happy pretty promise promised promises accept accepted approval approve approved
    respect respected wealth wealthy rich prize award awards awarded prison prisoner prisoners
    jail jailed arrest arrests arrested fire fired firing guilty charges charged charge
    fight fighting fought fights conflict threat threats threatened risk risks risky problem
    problems concern concerns concerned worried worry against protest protests protested
    protesters blame blamed crisis emergency disaster failed fail fails failure debt weapon
    weapons bomb bombs bombing gun guns dangerous danger hurt hurts pain painful stress
    strong stronger strongest weak weaker weakness interest interested interesting important
    successful success succeed true truth clear clearly fair fairly fairness legal illegal
    liberty welcome welcomed share shared sharing united unity positive negative increase
    growth grow grew opportunity opportunities ready popular serious seriously sorry sad
    worse worst bad lack lacking limited limit limits block blocked blocks defeat defeated
    defeats defeating defense defend defended defends prevent prevented prevents rescue
    rescued alive survived survive survivor survivors mourn mourned mourning funeral grief
    tears cry cried crying pray prayers prayer god bless blessed heaven hell damn please
    pleased glad joy smile smiled laugh laughed joke jokes joked funny kiss hug hugs
    """.split())


def _inflect(verb: str) -> list[str]:
    """Rough English inflections of a base-form verb (wrong forms simply never match)."""
    forms = {verb}
    if verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif re.search(r"(?:s|x|z|ch|sh)$", verb):
        forms |= {verb + "es", verb + "ed", verb + "ing"}
    else:
        forms |= {verb + "s", verb + "ed", verb + "ing"}
        if re.fullmatch(r"[^aeiou]*[aeiou][bdfglmnprt]", verb):
            forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    irregular = {"lie": ["lied", "lying", "lies"], "crow": ["crowed"],
                 "seize": ["seized"], "plot": ["plotted", "plotting"],
                 "cover-up": [], "strong-arm": ["strong-armed", "strong-arming"]}
    forms |= set(irregular.get(verb, []))
    return sorted(forms)


# Too common to count as loaded: modal verbs and plain verbs of seeming.
NOT_LOADED = set("""may might could appear appears appeared seem seems seemed suggest suggests
    suggested likely unlikely probably possibly perhaps flee fled flees fleeing
    love loves loved fear feared fears crisis grief""".split())
# Verbs the authors judged too neutral in news reporting to list (kept here so that they are
# not added back by mistake).
NEUTRAL_VERBS = set("""pressure stall erode weaken ignore neglect rush cheer applaud thwart foil
    scuttle""".split())


def author_entries() -> dict[str, str]:
    out: dict[str, str] = {}
    with open(OUT / "authors.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            term = row["term"].strip().lower()
            if term not in NOT_LOADED:
                out.setdefault(term, row["category"].strip())
    for cat, words in AUTHOR_VERBS.items():
        for w in words.split():
            if w in _SPACED:  # a phrasal verb: inflect its head ("whip up" -> "whipped up")
                head, rest = w.split("-", 1)
                for form in _inflect(head):
                    out.setdefault(form + " " + rest.replace("-", " "), cat)
                continue
            if w in NEUTRAL_VERBS:
                continue
            for form in _inflect(w):
                out.setdefault(form, cat)
    for cat, words in AUTHOR_WORDS.items():
        for w in words.lower().split():
            # multi-word terms are written with hyphens in the lists above; a hyphenated
            # word is matched written either way ("far-right", "far right")
            out.setdefault(w.replace("-", " ") if w in _SPACED else w, cat)
            if "-" in w and w not in _SPACED:
                out.setdefault(w.replace("-", " "), cat)
            if cat == "subjective_adjective":
                adverb = _adverb(w)
                if adverb:
                    out.setdefault(adverb, "intensifier")
    for term in list(out):
        if "-" in term and term.replace("-", " ") not in out:
            out[term.replace("-", " ")] = out[term]
    return out


def _adverb(adj: str) -> str | None:
    """'shocking' -> 'shockingly', 'tragic' -> 'tragically', 'reckless' -> 'recklessly'."""
    if "-" in adj or adj.endswith("ly"):
        return None
    if adj.endswith("ic"):
        return adj + "ally"
    if adj.endswith("ble"):
        return adj[:-1] + "y"
    if adj.endswith("y"):
        return adj[:-1] + "ily"
    if re.search(r"(?:ous|ful|ing|ive|ent|ant|al|less|ed|ish|id|ate|ile|ite|ine|ane|ure)$",
                 adj):
        return adj + "ly"
    return None


# hyphenated list items that are really written as separate words
_SPACED = {"con-man", "conspiracy-theorist", "gun-grabbers", "nanny-state", "tax-and-spend",
           "bleeding-heart", "witch-hunt", "deep-state", "illegal-alien", "illegal-aliens",
           "anchor-babies", "welfare-queen", "fat-cat", "fat-cats", "loony-left",
           "hissy-fit", "slush-fund", "racially-charged", "cash-in", "white-supremacist",
           "white-nationalist", "power-grab", "fake-news", "hit-piece", "smear-campaign",
           "talking-points", "special-interests", "big-government", "illegal-immigrant",
           "illegal-immigrants", "illegal-immigration", "open-borders", "sanctuary-cities",
           "politically-correct", "wipe-out", "kill-off", "whip-up", "gun-down", "mow-down",
           "cry-foul", "rip-off", "late-term-abortion", "death-tax", "death-panels",
           "climate-crisis", "climate-emergency", "junk-science", "enemy-of-the-people",
           "domestic-terrorists", "hate-group", "chain-migration", "catch-and-release",
           "border-crisis", "melt-down", "freak-out", "cozy-up", "hit-job", "freak-show",
           "clown-show", "dumpster-fire", "train-wreck", "soft-on-crime", "spending-spree",
           "free-stuff", "kangaroo-court", "show-trial", "sore-loser", "sore-losers",
           "chinese-virus", "wuhan-virus", "kung-flu", "medical-tyranny", "gender-ideology",
           "radical-feminists", "gun-lobby", "blood-money", "race-hustler", "race-hustlers",
           "muslim-ban", "radical-islamic", "corporate-welfare", "class-warfare",
           "job-creators", "soak-the-rich", "tax-scam", "hollowed-out", "tree-huggers",
           "blow-up", "brush-off", "brush-aside", "take-aim", "lash-out"}


def vader_entries() -> dict[str, float]:
    spec = find_spec("vaderSentiment")
    if spec is None:
        sys.exit("pip install vaderSentiment (generation only)")
    path = Path(spec.origin).parent / "vader_lexicon.txt"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not re.fullmatch(r"[a-z][a-z'-]*[a-z]", parts[0]):
            continue
        out[parts[0]] = float(parts[1])
    return out


def textblob_entries() -> dict[str, tuple[float, float]]:
    spec = find_spec("textblob")
    if spec is None:
        sys.exit("pip install textblob (generation only)")
    path = Path(spec.origin).parent / "en" / "en-sentiment.xml"
    out: dict[str, tuple[float, float]] = {}
    for w in ET.parse(path).getroot().iter("word"):
        form = (w.get("form") or "").lower()
        if w.get("pos") != "JJ" or not re.fullmatch(r"[a-z][a-z'-]*[a-z]", form):
            continue
        pol, subj = float(w.get("polarity")), float(w.get("subjectivity"))
        old = out.get(form)
        if old is None or subj > old[1]:
            out[form] = (pol, subj)
    return out


def build(vader_min=VADER_MIN, tb_subj=TEXTBLOB_MIN_SUBJECTIVITY, tb_pol=TEXTBLOB_MIN_POLARITY,
          include_vader=True, include_textblob=True) -> list[dict]:
    rows: dict[str, dict] = {}
    for term, cat in author_entries().items():
        rows[term] = {"term": term, "category": cat, "source": "dmb-authors"}
    if include_vader:
        for term, v in vader_entries().items():
            if abs(v) >= vader_min and term not in NEWS_NEUTRAL and term not in rows:
                rows[term] = {"term": term, "category": "emotive", "source": "vader"}
    if include_textblob:
        for term, (pol, subj) in textblob_entries().items():
            if (subj >= tb_subj and abs(pol) >= tb_pol and term not in NEWS_NEUTRAL
                    and term not in rows):
                rows[term] = {"term": term, "category": "subjective_adjective",
                              "source": "textblob"}
    return sorted(rows.values(), key=lambda r: (r["category"], r["term"]))


def main() -> None:
    rows = build()
    with open(OUT / "loaded_words.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["term", "category", "source"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["source"]] = counts.get(r["source"], 0) + 1
    print(f"wrote {len(rows)} entries to {OUT / 'loaded_words.csv'}: {counts}")


if __name__ == "__main__":
    main()
