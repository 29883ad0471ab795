"""Gender lexicons for French/English speaker resolution: first names, titles, pronouns."""

from __future__ import annotations

from .speech import wordset

__all__ = [
    "FEM_NAMES",
    "FEM_WORDS",
    "GIVEN_NAMES",
    "MASC_NAMES",
    "MASC_WORDS",
    "PRONOUN_GENDER",
    "given_name_gender",
]

MASC_NAMES: frozenset[str] = wordset(
    """
    jean pierre paul jacques michel philippe françois nicolas emmanuel bruno
    laurent olivier thierry alain bernard gérard patrick christophe éric eric
    marc luc louis henri antoine julien thomas vincent sébastien david daniel
    benoît yves didier dominique gabriel jordan édouard edouard manuel fabrice
    vladimir sergueï serguei sergei dmitri dmitry alexeï alexei boris igor
    rex donald barack joe george bill john jim james mike michael mark steve
    steven robert richard charles william peter bachar bashar recep hassan
    ali mohammed mohamed ahmed abdel xi kim benyamin benjamin olaf mario
    volodymyr viktor justin antony matteo pedro jair luiz narendra
    jean-luc jean-marie jean-claude jean-pierre jean-paul jean-françois
    jean-baptiste jean-michel jean-louis jean-yves jean-marc jean-jacques
    pierre-yves marc-olivier alexandre alexis adrien arnaud arthur aurélien
    benjamin bertrand cédric charles claude clément cyril damien denis
    dimitri fabien florian francis franck frédéric frederic gaël gauthier
    georges gilles grégory guillaume guy hervé hugo jacky jérôme jeremy
    jérémy joël jonathan josé joseph kevin kévin léo léon lionel loïc lucas
    ludovic marcel mathieu matthieu maxime mickaël michaël nathan noël
    pascal patrice raphaël rémi rémy renaud roger romain samuel serge simon
    stéphane sylvain théo tristan valentin victor xavier yann yannick
    abdelaziz achille adam adel ahmad aimé aldo alfred alfredo amaury amine anatole
    andré andreï andrei angelo anthony antonio armand augustin axel baptiste bastien
    benoit blaise brice bruce bryan carlos charly christian clovis colin constantin
    corentin cristiano dan dany darius diego djamel dylan edgar edmond eduardo élie
    elie elliot émile emile émilien enzo erik ernest étienne etienne eugène evan
    fabio félix felix ferdinand fernand fernando florent francesco francisco frank
    gaëtan gaetan gaspard geoffroy gérald gianni gilbert giovanni giuseppe grégoire
    gustave hamid harry henry hector hubert ibrahim isaac ismaël ivan jack jacob
    jason jean-charles jean-christophe jean-daniel jean-philippe jean-noël jeff
    jimmy joachim johan johann johnny jonas joris juan jules julio karim lamine
    lazare léopold lorenzo luca lucien luis lukas mael maël malik marco marcus
    martin mathias mathis matthias maurice max maxence maximilien mehdi miguel nabil
    naël nathanaël nelson noah noam norbert octave omar oscar pablo paolo quentin
    rachid rafael rafaël ralph raoul raymond régis rené ricardo rodolphe rodrigo
    roland ronan ruben rudy salim salvatore samir sandro sergio silvio sofiane
    stanislas stefan sylvestre thibault thibaut timothée tom tommaso tony ugo valéry
    vianney vittorio walter wilfried yanis yassine yoann yohan youssef zinédine
    zinedine nikos nikolaï nikolai shinzo mahmoud chérif cherif andrew brian chris
    christopher dennis douglas edward gary gordon harold jeffrey jerry keith kenneth
    larry matthew mitch nick ron ronald roy scott stephen ted timothy tyler wayne
    hugues mathéo
    hugh drew seth ryan liam noel kanye elton mick keanu brad leonardo sean owen
    rishi kamel jamel gad kev elon sundar tim rupert tayyip naftali yair ebrahim
    abdelmadjid kaïs salman tamim khalifa nicolás alberto andrés gustavo javier
    mariano felipe carles kylian zlatan neymar teddy
    """
)
FEM_NAMES: frozenset[str] = wordset(
    """
    marie anne catherine isabelle nathalie sylvie christine françoise
    martine valérie sophie sandrine céline élisabeth elisabeth elisabeth
    ségolène marine agnès rachida najat christiane florence aurore roselyne
    anne-marie marie-france nadine valérie brigitte rachel claire amélie
    angela theresa hillary nancy kamala condoleezza ursula maria maria
    teresa giorgia jacinda sanna liz nikki michelle melania ivanka emma
    sarah laura julia olga svetlana irina natalia maria marija tatiana
    adèle alexandra alice aline amandine andrée angélique anaïs annie
    audrey aurélie barbara béatrice bernadette camille carole caroline
    cécile chantal charlotte chloé clara claudine colette coralie corinne
    danielle delphine diane édith elise élise éloïse émilie
    emmanuelle estelle fabienne fanny geneviève géraldine hélène inès
    jacqueline jeanne jennifer jenifer jessica joëlle josiane julie juliette
    justine karine laetitia laëtitia laure laurence léa léna lucie lydie
    madeleine manon margaux marguerite marianne marion marlène mathilde
    mélanie mireille monique muriel myriam nadia noémie océane odile
    pascale patricia pauline pénélope rose sabine sandra séverine simone
    solène stéphanie suzanne sylviane valentine véronique virginie yvette
    yvonne zoé ève eve
    abigail adeline adriana agathe albane alexia alicia aliénor alix amanda amel
    amina anastasia angèle angelina anissa annabelle anne-sophie anne-laure ariane
    arielle armelle astrid aude axelle aya bérénice blanche capucine carla carmen
    cassandra cathy cécilia célia charline chiara christelle cindy claudia clémence
    clotilde constance daphné déborah deborah denise dorothée éléonore eleonore
    éliane eliane élodie elodie elsa emeline éva eva evelyne fatima fatou flavie
    flora francine frédérique gaëlle gisèle gwendoline hannah héloïse hortense
    ingrid irène isabella jade jeannine joanna jocelyne johanna joséphine judith
    juliana kate katia kelly laurie leila leïla léonie lila lina lisa lise lola
    louise lucia lucile lucille ludivine lydia maëlle maëlys malika marcelle margot
    marie-christine marie-claude marie-hélène marie-laure marie-pierre marie-josé
    marina marjorie marthe martina maryse maud maya mélissa melissa mia micheline
    mila nadège naomi natacha nelly nicole nina ninon noëlle nora norah oriane
    ornella paola paula perrine priscilla rebecca régine renée rosalie roxane
    sabrina salomé samantha selma sharon sheila silvia sofia sonia stella sylvia
    tiphaine vanessa viviane wendy yasmina yasmine yolande akie greta jill karen
    linda mary megan meghan melinda rosa ruth susan ivana jane kirsten margaret
    mette kristalina valérie-anne maïwenn fleur vera
    anna meryl julianne beyoncé rihanna madonna britney selena ariana oprah
    alexandria ilhan nafissatou aminata fatoumata awa mariam khadija rokhaya sibeth
    laeticia zaz mylène dalida edith
    """
)
GIVEN_NAMES: frozenset[str] = MASC_NAMES | FEM_NAMES
"""Every given name above, either gender."""


def given_name_gender(name: str) -> str | None:
    """``Masc`` or ``Fem`` when the first word of ``name`` is a listed given name (any
    case: ``Emmanuel Macron`` is Masc), else None."""
    words = name.split()
    first = words[0].lower() if words else ""
    return "Masc" if first in MASC_NAMES else "Fem" if first in FEM_NAMES else None


MASC_WORDS: frozenset[str] = frozenset({"m.", "monsieur", "mr", "mr.", "sir", "he", "him", "his"})
FEM_WORDS: frozenset[str] = frozenset(
    {"mme", "mme.", "madame", "mlle", "mrs", "mrs.", "ms", "ms.", "she", "her"}
)
PRONOUN_GENDER: dict[str, str | None] = {
    "il": "Masc",
    "ils": "Masc",
    "lui": "Masc",
    "eux": "Masc",
    "celui-ci": "Masc",
    "elle": "Fem",
    "elles": "Fem",
    "celle-ci": "Fem",
    "he": "Masc",
    "him": "Masc",
    "she": "Fem",
    "her": "Fem",
    "they": None,
    "them": None,
}
