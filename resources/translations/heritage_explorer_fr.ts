<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/about.py" line="+47"/>
        <source>Explore iconographic collections (photographs, postcards, engravings, paintings) by visual similarity, and compare descriptor methods on the collection&apos;s own classes.</source>
        <translation>Explorer des fonds iconographiques (photographies, cartes postales, gravures, peintures) par similarité visuelle, et comparer les méthodes de description sur les classes propres au fonds.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weights</source>
        <translation>Poids</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>About Heritage Explorer</source>
        <translation>À propos de Heritage Explorer</translation>
    </message>
</context>
<context>
    <name>AdaptDialog</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/adapt_dialog.py" line="+37"/>
        <source>Learn from the collection alone: pairs that the local matching verifies. Reads no label.</source>
        <translation>Apprendre du fonds seul : les paires que l&apos;appariement local vérifie. Aucune étiquette n&apos;est lue.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also learn from the catalog&apos;s groups (classes); the evaluation then ranks each query with a model learned without its class (class-disjoint folds).</source>
        <translation>Apprendre aussi des groupes (classes) du catalogue ; l&apos;évaluation classe alors chaque requête avec un modèle appris sans sa classe (plis disjoints par classe).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also learn from your relevance judgments (images judged relevant to a query are pairs); the evaluation then uses folds of the judged groups.</source>
        <translation>Apprendre aussi de vos jugements de pertinence (les images jugées pertinentes pour une requête forment des paires) ; l’évaluation utilise alors des plis formés des groupes jugés.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>learned whitening (seconds)</source>
        <translation>blanchiment appris (quelques secondes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fine-tuned network (minutes)</source>
        <translation>réseau affiné (quelques minutes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fine-tuned network, then learned whitening (minutes)</source>
        <translation>réseau affiné, puis blanchiment appris (quelques minutes)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The fine-tuned network alone learns from the mined pairs only: with supervision, choose the whitening or both.</source>
        <translation>Le réseau affiné seul n’apprend que des paires extraites : avec une supervision, choisissez le blanchiment ou les deux.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verifies each image&apos;s nearest neighbours with {local} and learns a whitening from the pairs that match (Radenović et al. 2019). What is missing is extracted first; an interrupted adaptation resumes where it stopped.</source>
        <translation>Vérifie les plus proches voisins de chaque image avec {local} et apprend un blanchiment à partir des paires appariées (Radenović et al. 2019). Ce qui manque est d&apos;abord extrait ; une adaptation interrompue reprend là où elle s&apos;est arrêtée.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Adapt to this collection</source>
        <translation>Adapter à ce fonds</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The extracted global method to adapt</source>
        <translation>La méthode globale extraite à adapter</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>What is learned from the pairs: a whitening of the base&apos;s vectors (Radenović et al. 2019), the last stages of the network and its GeM p fine-tuned, or both</source>
        <translation>Ce qui est appris des paires : un blanchiment des vecteurs de la méthode de base (Radenović et al. 2019), les derniers étages du réseau et le p de GeM affinés, ou les deux</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop verifying pairs after this time (they are kept: Resume goes on)</source>
        <translation>Arrêter la vérification des paires après ce délai (elles sont conservées : Reprendre continue)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The same seed gives the same adaptation</source>
        <translation>La même graine donne la même adaptation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lower-case letters, digits, &apos;_&apos; and &apos;-&apos;; the method is BASE+adapt:NAME</source>
        <translation>Minuscules, chiffres, « _ » et « - » ; la méthode s&apos;appelle BASE+adapt:NOM</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mine the pairs only (dry run)</source>
        <translation>Seulement extraire les paires (essai à blanc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify the neighbour pairs and show them with their inlier counts; learn nothing</source>
        <translation>Vérifier les paires de voisins et les afficher avec leur nombre de points cohérents ; rien n&apos;est appris</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Base method:</source>
        <translation>Méthode de base :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision:</source>
        <translation>Supervision :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learn:</source>
        <translation>Apprendre :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time bound:</source>
        <translation>Limite de temps :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>Graine :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+53"/>
        <source>Adapt</source>
        <translation>Adapter</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Writes the pairs of &lt;b&gt;{spec}&lt;/b&gt;, learns nothing.</source>
        <translation>Écrit les paires de &lt;b&gt;{spec}&lt;/b&gt;, sans rien apprendre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Makes &lt;b&gt;{spec}&lt;/b&gt;.</source>
        <translation>Produit &lt;b&gt;{spec}&lt;/b&gt;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give a name: lower-case letters, digits, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>Donnez un nom : minuscules, chiffres, « _ » ou « - ».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its mined pairs are replaced, the adaptation is kept.</source>
        <translation>Ses paires extraites sont remplacées, l&apos;adaptation est conservée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It replaces the adaptation of that name.</source>
        <translation>Elle remplace l&apos;adaptation de ce nom.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mine pairs</source>
        <translation>Extraire les paires</translation>
    </message>
</context>
<context>
    <name>Adaptation</name>
    <message>
        <location filename="../../heritage_explorer/gui/adaptation.py" line="+87"/>
        <source>Learn a descriptor adapted to this collection from its own images</source>
        <translation>Apprendre un descripteur adapté à ce fonds à partir de ses propres images</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Open a writable project first: adaptation writes into it.</source>
        <translation>Ouvrez d&apos;abord un projet modifiable : l&apos;adaptation y écrit.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing to adapt yet: extract a CNN global method first (e.g. efflite0-gem, in the Extraction panel).</source>
        <translation>Rien à adapter pour l&apos;instant : extrayez d&apos;abord une méthode globale CNN (par ex. efflite0-gem, dans le panneau Extraction).</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>An extraction is running: adapt once it has finished.</source>
        <translation>Une extraction est en cours : adaptez une fois qu&apos;elle sera terminée.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Interrupted adaptation {spec} discarded.</source>
        <translation>Adaptation interrompue {spec} abandonnée.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>dry run: {verified} neighbour pairs verified ({verified_now} now): {positives} positives, {negatives} hard negatives</source>
        <translation>essai à blanc : {verified} paires de voisins vérifiées ({verified_now} maintenant) : {positives} positives, {negatives} négatives difficiles</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>done: {pairs} pairs ({positives} verified positives of {verified} neighbour pairs, {verified_now} verified now), {seconds:.1f} s</source>
        <translation>terminé : {pairs} paires ({positives} positives vérifiées sur {verified} paires de voisins, {verified_now} vérifiées maintenant), {seconds:.1f} s</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Adapted: {spec} can be searched, compared and evaluated; the dashboard shows it beside its base.</source>
        <translation>Adapté : {spec} peut servir à la recherche, à la comparaison et à l&apos;évaluation ; le tableau de bord l&apos;affiche à côté de sa base.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
What was done is kept: press Resume to continue where it stopped.</source>
        <translation>
Ce qui a été fait est conservé : cliquez sur Reprendre pour continuer là où elle s&apos;est arrêtée.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cancelled: press Resume to continue where it stopped</source>
        <translation>annulée : cliquez sur Reprendre pour continuer là où elle s&apos;est arrêtée</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Adaptation {name} has no mined pairs: run Adapt to this collection… (a dry run only mines them).</source>
        <translation>L&apos;adaptation {name} n&apos;a pas de paires extraites : lancez Adapter à ce fonds… (un essai à blanc ne fait qu&apos;extraire les paires).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No mined pairs in this project yet: run Adapt to this collection… (a dry run only mines them).</source>
        <translation>Ce projet n&apos;a pas encore de paires extraites : lancez Adapter à ce fonds… (un essai à blanc ne fait qu&apos;extraire les paires).</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Extracting {specs} so that search and compare can use them.</source>
        <translation>Extraction de {specs} pour que la recherche et la comparaison puissent s&apos;en servir.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extracting {specs} so that search and compare can use it.</source>
        <translation>Extraction de {specs} pour que la recherche et la comparaison puissent s&apos;en servir.</translation>
    </message>
</context>
<context>
    <name>AdaptationBox</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/adaptation_box.py" line="+17"/>
        <source>Adapt to this collection…</source>
        <translation>Adapter à ce fonds…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learning the whitening and writing the adapted descriptors…</source>
        <translation>apprentissage du blanchiment et écriture des descripteurs adaptés…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dry run: writing the mined pairs…</source>
        <translation>essai à blanc : écriture des paires extraites…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Adaptation</source>
        <translation>Adaptation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learn a descriptor adapted to this collection from its own images (issue #19)</source>
        <translation>Apprendre un descripteur adapté à ce fonds à partir de ses propres images (ticket #19)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mine verified pairs of this collection and learn BASE+adapt:NAME</source>
        <translation>Extraire des paires vérifiées de ce fonds et apprendre BASE+adapt:NOM</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mined pairs…</source>
        <translation>Paires extraites…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The pairs an adaptation (or a dry run) verified, with their inlier counts</source>
        <translation>Les paires qu&apos;une adaptation (ou un essai à blanc) a vérifiées, avec leur nombre de points cohérents</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue the interrupted adaptation where it stopped</source>
        <translation>Poursuivre l&apos;adaptation interrompue là où elle s&apos;est arrêtée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget the interrupted adaptation (verified pairs and features stay cached)</source>
        <translation>Oublier l&apos;adaptation interrompue (les paires vérifiées et les caractéristiques restent en cache)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop; what was extracted and verified is kept and Resume goes on</source>
        <translation>Arrêter ; ce qui a été extrait et vérifié est conservé et Reprendre continue</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>, {minutes:g} min</source>
        <translation>, {minutes:g} min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, dry run</source>
        <translation>, essai à blanc</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interrupted adaptation: &lt;b&gt;{spec}&lt;/b&gt; (supervision {supervision}, seed {seed}{limit})</source>
        <translation>Adaptation interrompue : &lt;b&gt;{spec}&lt;/b&gt; (supervision {supervision}, graine {seed}{limit})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> and {count} more</source>
        <translation> et {count} autre(s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>. Resume continues where it stopped.</source>
        <translation>. Reprendre continue là où elle s&apos;est arrêtée.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{spec}: starting (loading the images and the model)…</source>
        <translation>{spec} : démarrage (chargement des images et du modèle)…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>cancelling…</source>
        <translation>annulation…</translation>
    </message>
</context>
<context>
    <name>AnalysisPanels</name>
    <message>
        <location filename="../../heritage_explorer/gui/analysis_panels.py" line="+83"/>
        <source>Evaluation dashboard</source>
        <translation>Tableau de bord de l&apos;évaluation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where A beats B</source>
        <translation>Où A l&apos;emporte sur B</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+1"/>
        <location line="+57"/>
        <source>Computing…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+1"/>
        <source>Open a project with extracted methods.</source>
        <translation>Ouvrez un projet dont des méthodes sont extraites.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting for the extraction to finish…</source>
        <translation>En attente de la fin de l&apos;extraction…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No method has descriptors yet: tick methods in the Extraction panel and press Extract.</source>
        <translation>Aucune méthode n&apos;a encore de descripteurs : cochez des méthodes dans le panneau Extraction et cliquez sur Extraire.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tick at least one method.</source>
        <translation>Cochez au moins une méthode.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose two extracted methods.</source>
        <translation>Choisissez deux méthodes extraites.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Analysis failed: {message}</source>
        <translation>Échec de l&apos;analyse : {message}</translation>
    </message>
</context>
<context>
    <name>AnnotationCommands</name>
    <message>
        <location filename="../../heritage_explorer/gui/annotation_commands.py" line="+34"/>
        <source>good</source>
        <extracomment>The one vocabulary of judgments on screen (keys, thumbnail bands, undo texts); stored labels are the revisited protocol&apos;s (easy, hard, junk, wrong).</extracomment>
        <translation>bon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ok (hard)</source>
        <translation>acceptable (difficile)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>junk</source>
        <translation>inexploitable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrong</source>
        <translation>faux</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Open a project first.</source>
        <extracomment>After every redo and undo: ANNOTATIONS, JUDGMENTS, LABELS or REVIEW, and where the change was ({&quot;class&quot;: name, &quot;image&quot;: id}, {&quot;query&quot;: id, &quot;result&quot;: id}, {&quot;images&quot;: ids, &quot;label&quot;: text} or {&quot;group&quot;: index or None, &quot;ids&quot;: {path: id}}), so a view can show it.</extracomment>
        <translation>Ouvrez d&apos;abord un projet.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>flags of {image}</source>
        <translation>marques de {image}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>flag {variation} on {image}</source>
        <translation>marquer {variation} sur {image}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>unflag {variation} on {image}</source>
        <translation>retirer {variation} de {image}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>flag {variation} on {count} images of the map selection</source>
        <translation>marquer {variation} sur {count} images de la sélection de la carte</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>label {count} images {label} (map selection)</source>
        <translation>étiqueter {count} images « {label} » (sélection de la carte)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unlabel {count} images (map selection)</source>
        <translation>retirer l&apos;étiquette de {count} images (sélection de la carte)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>reference of {name}: {image}</source>
        <translation>référence de {name} : {image}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clear reference of {name}</source>
        <translation>effacer la référence de {name}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{variation} of {name}: {score}</source>
        <translation>{variation} de {name} : {score}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>image #{id}</source>
        <translation>image n° {id}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>unjudged</source>
        <translation>non jugé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>judge {result} {word} for query {query}</source>
        <translation>juger {result} {word} pour la requête {query}</translation>
    </message>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/judging.py" line="+31"/>
        <source>query</source>
        <extracomment>key -&gt; judgment label stored (revisited protocol); CLEAR_KEY forgets the judgment. What the band on a thumbnail says, and its colour.</extracomment>
        <translation>requête</translation>
    </message>
</context>
<context>
    <name>AnnotationPanel</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/annotation_panel.py" line="+48"/>
        <source>Choose the reference first (R on the image that shows the object in the most common way, or S for the suggestion): variations and scores are relative to it.</source>
        <translation>Choisissez d&apos;abord la référence (R sur l&apos;image qui montre l&apos;objet de la façon la plus courante, ou S pour la suggestion) : variations et scores s&apos;entendent par rapport à elle.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keys: → or J next image · ← or K previous · 1–9, 0 and − toggle the 11 variations in order (− = Time changes) · R make the current image the reference · S use the suggested reference · Ctrl+Z undo · Ctrl+Shift+Z redo. Every change is saved at once.</source>
        <translation>Touches : → ou J image suivante · ← ou K précédente · 1–9, 0 et − cochent ou décochent les 11 variations dans l&apos;ordre (− = Évolutions temporelles) · R fait de l&apos;image courante la référence · S prend la référence suggérée · Ctrl+Z annuler · Ctrl+Maj+Z rétablir. Chaque modification est enregistrée aussitôt.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>REF</source>
        <translation>RÉF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>suggested</source>
        <translation>suggérée</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Class to annotate (the images sharing a label)</source>
        <translation>Classe à annoter (les images partageant une étiquette)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Descriptor used to suggest the reference: the image with the highest mean cosine similarity to the other images of its class</source>
        <translation>Descripteur utilisé pour suggérer la référence : l&apos;image de plus forte similarité cosinus moyenne avec les autres images de sa classe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use suggestion ({suggestion_key})</source>
        <translation>Prendre la suggestion ({suggestion_key})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Class:</source>
        <translation>Classe :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Suggest the reference with:</source>
        <translation>Suggérer la référence avec :</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current image</source>
        <translation>Image courante</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>No class: import a collection with labels (a group column).</source>
        <translation>Aucune classe : importez un fonds avec des étiquettes (une colonne de groupe).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No image</source>
        <translation>Aucune image</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This is the reference: the other images are compared with it.</source>
        <translation>Voici la référence : les autres images lui sont comparées.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tick what this image shows relative to the reference:</source>
        <translation>Cochez ce que cette image présente par rapport à la référence :</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the reference</source>
        <translation>la référence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shows: {variations}</source>
        <translation>présente : {variations}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no variation ticked</source>
        <translation>aucune variation cochée</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No reference chosen yet (R, or S for the suggestion)</source>
        <translation>Pas encore de référence choisie (R, ou S pour la suggestion)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The reference cannot vary from itself: choose another image.</source>
        <translation>La référence ne peut pas varier par rapport à elle-même : choisissez une autre image.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No suggestion for this class yet (it needs extracted descriptors).</source>
        <translation>Pas encore de suggestion pour cette classe (il faut des descripteurs extraits).</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>No descriptors yet: extract a method to get a suggested reference.</source>
        <translation>Pas encore de descripteurs : extrayez une méthode pour obtenir une référence suggérée.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Looking for the most typical image…</source>
        <translation>Recherche de l&apos;image la plus typique…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Suggested: &lt;b&gt;{name}&lt;/b&gt; (mean cosine {mean_similarity:.3f} to the others by {spec})</source>
        <translation>Suggestion : &lt;b&gt;{name}&lt;/b&gt; (cosinus moyen {mean_similarity:.3f} avec les autres selon {spec})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The image of the class most similar on average to the other images: often the most common view</source>
        <translation>L&apos;image de la classe la plus semblable en moyenne aux autres images : souvent la vue la plus courante</translation>
    </message>
</context>
<context>
    <name>BeatsView</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/beats_view.py" line="+50"/>
        <source>Method on the x axis</source>
        <translation>Méthode en abscisse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method on the y axis</source>
        <translation>Méthode en ordonnée</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Swap A and B</source>
        <translation>Échanger A et B</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many of the largest differences to list</source>
        <translation>Nombre des plus grands écarts à lister</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose two methods.</source>
        <translation>Choisissez deux méthodes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose two extracted methods: one point per query, AP under A against AP under B.</source>
        <translation>Choisissez deux méthodes extraites : un point par requête, l&apos;AP selon A contre l&apos;AP selon B.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>query</source>
        <translation>requête</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>class</source>
        <translation>classe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AP A</source>
        <translation>AP A</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AP B</source>
        <translation>AP B</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ΔAP (A − B)</source>
        <translation>ΔAP (A − B)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A (x):</source>
        <translation>A (x) :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>B (y):</source>
        <translation>B (y) :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>largest differences:</source>
        <translation>plus grands écarts :</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Queries where the two methods differ most (click to compare them):</source>
        <translation>Requêtes où les deux méthodes diffèrent le plus (cliquez pour les comparer) :</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>No query with a class to evaluate: the per-query AP needs labelled images (a class/group column in the imported listing).</source>
        <translation>Aucune requête avec une classe à évaluer : l&apos;AP par requête demande des images étiquetées (une colonne classe/groupe dans la liste importée).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>AP per query: {a} vs {b}</source>
        <translation>AP par requête : {a} contre {b}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AP {a} (better below the diagonal)</source>
        <translation>AP {a} (meilleure sous la diagonale)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AP {b} (better above)</source>
        <translation>AP {b} (meilleure au-dessus)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Choose two different methods.&lt;/b&gt; </source>
        <translation>&lt;b&gt;Choisissez deux méthodes différentes.&lt;/b&gt; </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mAP &lt;b&gt;{a}&lt;/b&gt; {map_a:.4f}, &lt;b&gt;{b}&lt;/b&gt; {map_b:.4f} over {count} queries.&lt;br&gt;&lt;span style=&apos;color:{win_a}&apos;&gt;●&lt;/span&gt; {a} better on &lt;b&gt;{wins_a}&lt;/b&gt;, &lt;span style=&apos;color:{win_b}&apos;&gt;●&lt;/span&gt; {b} better on &lt;b&gt;{wins_b}&lt;/b&gt;, &lt;span style=&apos;color:{tie}&apos;&gt;●&lt;/span&gt; {ties} ties (|ΔAP| ≤ {tolerance:g}); mean ΔAP {mean_difference:+.4f}; sign test p = {sign_test_p:.3g}</source>
        <translation>mAP &lt;b&gt;{a}&lt;/b&gt; {map_a:.4f}, &lt;b&gt;{b}&lt;/b&gt; {map_b:.4f} sur {count} requêtes.&lt;br&gt;&lt;span style=&apos;color:{win_a}&apos;&gt;●&lt;/span&gt; {a} meilleure sur &lt;b&gt;{wins_a}&lt;/b&gt;, &lt;span style=&apos;color:{win_b}&apos;&gt;●&lt;/span&gt; {b} meilleure sur &lt;b&gt;{wins_b}&lt;/b&gt;, &lt;span style=&apos;color:{tie}&apos;&gt;●&lt;/span&gt; {ties} égalités (|ΔAP| ≤ {tolerance:g}) ; ΔAP moyen {mean_difference:+.4f} ; test du signe p = {sign_test_p:.3g}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;br&gt;{count_a} queries only evaluated by {a}, {count_b} only by {b}.</source>
        <translation>&lt;br&gt;{count_a} requêtes évaluées seulement par {a}, {count_b} seulement par {b}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;br&gt;By class ({a} better / {b} better / ties): </source>
        <translation>&lt;br&gt;Par classe ({a} meilleure / {b} meilleure / égalités) : </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AP {a}</source>
        <translation>AP {a}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AP {b}</source>
        <translation>AP {b}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} (catalog image #{query_id})</source>
        <translation>{name} (image du catalogue n° {query_id})</translation>
    </message>
    <message>
        <location line="+32"/>
        <source> … and {count} more classes</source>
        <translation> … et {count} autres classes</translation>
    </message>
</context>
<context>
    <name>BeforeAfter</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/before_after.py" line="+38"/>
        <source>before</source>
        <translation>avant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>after</source>
        <translation>après</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mAP before</source>
        <translation>mAP avant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mAP after</source>
        <translation>mAP après</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>difference</source>
        <translation>écart</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No adaptation to compare with its base: run Analyse ▸ Adapt to this collection…, and tick both the base method and its adaptation in Methods.</source>
        <translation>Aucune adaptation à comparer à sa base : lancez Analyse ▸ Adapter à ce fonds…, puis cochez la méthode de base et son adaptation dans Méthodes.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nothing learned on this collection</source>
        <translation>rien d&apos;appris sur ce fonds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learned on this collection without labels</source>
        <translation>appris sur ce fonds sans étiquettes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{protocol}: each query ranked by a model that never saw its class&apos;s labels</source>
        <translation>{protocol} : chaque requête classée par un modèle qui n&apos;a jamais vu les étiquettes de sa classe</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The adaptation shown, against the method it adapts</source>
        <translation>L&apos;adaptation affichée, face à la méthode qu&apos;elle adapte</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Table 1 before and after: Pearson r over the annotated classes between each variation&apos;s predominance score and the mAP</source>
        <translation>Tableau 1 avant et après : r de Pearson, sur les classes annotées, entre le score de prédominance de chaque variation et la mAP</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;mAP per class&lt;/b&gt;, before and after (Table 3)</source>
        <translation>&lt;b&gt;mAP par classe&lt;/b&gt;, avant et après (tableau 3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;Table 1&lt;/b&gt; before and after: r(variation, mAP)</source>
        <translation>&lt;b&gt;Tableau 1&lt;/b&gt; avant et après : r(variation, mAP)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Adaptation:</source>
        <translation>Adaptation :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mined pairs…</source>
        <translation>Paires extraites…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The verified pairs this adaptation learned from, with their inlier counts</source>
        <translation>Les paires vérifiées dont cette adaptation a appris, avec leur nombre de points cohérents</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>No adaptation shown.</source>
        <translation>Aucune adaptation affichée.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;{base}&lt;/b&gt; → &lt;b&gt;{adapted}&lt;/b&gt;: global mAP {before} → {after} ({difference}), class mAP {class_before} → {class_after}, {n_queries} queries.&lt;br&gt;Protocol: before {protocol_before}; after {protocol_after}.</source>
        <translation>&lt;b&gt;{base}&lt;/b&gt; → &lt;b&gt;{adapted}&lt;/b&gt; : mAP globale {before} → {after} ({difference}), mAP par classe {class_before} → {class_after}, {n_queries} requêtes.&lt;br&gt;Protocole : avant {protocol_before} ; après {protocol_after}.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No Table 1: no class has variation annotations (annotate classes in the Annotate variations tab).</source>
        <translation>Pas de tableau 1 : aucune classe n&apos;a d&apos;annotations de variations (annotez des classes dans l&apos;onglet Annoter les variations).</translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message>
        <location filename="../../heritage_explorer/gui/models/thumbnails.py" line="+34"/>
        <source>All classes</source>
        <extracomment>the class filter&apos;s two entries that are not labels (shown translated; either spelling filters)</extracomment>
        <translation>Toutes les classes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no class)</source>
        <translation>(sans classe)</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>class: {group}</source>
        <translation>classe : {group}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no class</source>
        <translation>sans classe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unreadable: {reason}</source>
        <translation>illisible : {reason}</translation>
    </message>
    <message>
        <location line="+198"/>
        <source>{count} inliers</source>
        <translation>{count} points cohérents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not verified</source>
        <translation>non vérifiée</translation>
    </message>
</context>
<context>
    <name>CollectionMap</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/collection_map.py" line="+66"/>
        <source>New group</source>
        <translation>Nouveau groupe</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Collection map — {spec}</source>
        <translation>Carte du fonds — {spec}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Laying out the collection by {spec}…</source>
        <translation>Disposition du fonds selon {spec}…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colour the dots by the class or by a metadata column of the catalog</source>
        <translation>Colorer les points selon la classe ou selon une colonne de métadonnées du catalogue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lasso</source>
        <translation>Lasso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag to draw a lasso around images (Shift+drag does it without this)</source>
        <translation>Faire glisser pour tracer un lasso autour d&apos;images (Maj+glisser le fait sans ce bouton)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+128"/>
        <source>No selection</source>
        <translation>Aucune sélection</translation>
    </message>
    <message>
        <location line="-127"/>
        <source>Export selection…</source>
        <translation>Exporter la sélection…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flag selection…</source>
        <translation>Marquer la sélection…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a variation flag (relative to its class&apos;s reference) to the selected images</source>
        <translation>Ajouter une marque de variation (par rapport à la référence de leur classe) aux images sélectionnées</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Label selection…</source>
        <translation>Étiqueter la sélection…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the selected images a label of yours (Colour by: label); undoable</source>
        <translation>Donner aux images sélectionnées une étiquette de votre choix (Colorer par : label) ; annulable</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add selection to a near-duplicate group…</source>
        <translation>Ajouter la sélection à un groupe de quasi-doublons…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the selected images to a near-duplicate group, or make a new group of them</source>
        <translation>Ajouter les images sélectionnées à un groupe de quasi-doublons, ou en faire un nouveau groupe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear selection</source>
        <translation>Vider la sélection</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colour by</source>
        <translation>Colorer selon</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>No map: {message}</source>
        <translation>Pas de carte : {message}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>; kNN recall@{k} {recall:.2f}, trustworthiness {trustworthiness:.2f}</source>
        <translation> ; rappel kNN@{k} {recall:.2f}, fiabilité {trustworthiness:.2f}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{shown} images by {spec} ({algorithm}, {seconds:.1f} s){kept}. Click an image to search with it; drag to pan, wheel to zoom (thumbnails close in), Shift+drag to select.</source>
        <translation>{shown} images selon {spec} ({algorithm}, {seconds:.1f} s){kept}. Cliquez sur une image pour lancer une recherche avec elle ; faites glisser pour vous déplacer, molette pour zoomer (vignettes de près), Maj+glisser pour sélectionner.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>{count} selected</source>
        <translation>{count} sélectionnée(s)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export the selection</source>
        <translation>Exporter la sélection</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>selection.txt</source>
        <translation>selection.txt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selection (*.txt);;All files (*)</source>
        <translation>Sélection (*.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writing {count} images to {name}…</source>
        <translation>Écriture de {count} images dans {name}…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{count} images written to {export_path}: heritage-explorer export --selection {name}</source>
        <translation>{count} images écrites dans {export_path} : heritage-explorer export --selection {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Selection not written: {message}</source>
        <translation>Sélection non écrite : {message}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Flag the selection</source>
        <translation>Marquer la sélection</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Variation the selected images show relative to their class&apos;s reference:</source>
        <translation>Variation que présentent les images sélectionnées par rapport à la référence de leur classe :</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not flagged: {exc}</source>
        <translation>Non marquées : {exc}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; {count} without a class or a class&apos;s reference, not flagged</source>
        <translation> ; {count} sans classe ou sans référence de classe, non marquées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{variation} flagged on {flagged} images{skipped} (Ctrl+Z in the window undoes it).</source>
        <translation>{variation} marquée sur {flagged} images{skipped} (Ctrl+Z dans la fenêtre l&apos;annule).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Label the selection</source>
        <translation>Étiqueter la sélection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label of the selected images (a new name or one already given):</source>
        <translation>Étiquette des images sélectionnées (un nouveau nom ou une étiquette déjà donnée) :</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not labelled: {reason}</source>
        <translation>Non étiquetées : {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{label} given to {count} images (Ctrl+Z in the window undoes it).</source>
        <translation>« {label} » donnée à {count} images (Ctrl+Z dans la fenêtre l&apos;annule).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No near-duplicate groups: {exc}</source>
        <translation>Aucun groupe de quasi-doublons : {exc}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Group {number}: {name} ({count} images)</source>
        <translation>Groupe {number} : {name} ({count} images)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add to a near-duplicate group</source>
        <translation>Ajouter à un groupe de quasi-doublons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the selected images in:</source>
        <translation>Placer les images sélectionnées dans :</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>new near-duplicate group of {count} images (map selection)</source>
        <translation>créer un groupe de quasi-doublons de {count} images (sélection de la carte)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add {count} images to near-duplicate group {number} (map selection)</source>
        <translation>ajouter {count} images au groupe de quasi-doublons {number} (sélection de la carte)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not added to a group: {exc}</source>
        <translation>Non ajoutées à un groupe : {exc}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} images in near-duplicate group {number} of {total} (View ▸ Near-duplicate groups to review it; Ctrl+Z undoes it).</source>
        <translation>{count} images dans le groupe de quasi-doublons {number} sur {total} (Affichage ▸ Groupes de quasi-doublons pour le réviser ; Ctrl+Z l&apos;annule).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no group</source>
        <translation>sans groupe</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/compare_view.py" line="+54"/>
        <source>AP — (query without class)</source>
        <translation>AP — (requête sans classe)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Methods</source>
        <translation>Méthodes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Methods to compare (those with descriptors in this project)</source>
        <translation>Méthodes à comparer (celles qui ont des descripteurs dans ce projet)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+44"/>
        <location line="+35"/>
        <source>Hover an image to see its rank with every method.</source>
        <translation>Survolez une image pour voir son rang selon chaque méthode.</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+19"/>
        <source>Methods ({count})</source>
        <translation>Méthodes ({count})</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>image #{id}</source>
        <translation>image n° {id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} ({group}) — rank </source>
        <translation>{name} ({group}) — rang </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no class</source>
        <translation>sans classe</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/dashboard.py" line="+59"/>
        <source>Click a cell of the heatmap: its classes appear here, one point each (click one to open it).</source>
        <translation>Cliquez sur une case de la carte de chaleur : ses classes apparaissent ici, un point chacune (cliquez sur l&apos;une pour l&apos;ouvrir).</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>mAP of {method} on the class&apos;s queries</source>
        <translation>mAP de {method} sur les requêtes de la classe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>images of the class</source>
        <translation>images de la classe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Avg</source>
        <translation>Moy.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mean mAP of the methods shown</source>
        <translation>mAP moyenne des méthodes affichées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{variation}: predominance score 0–3 (§2.2)</source>
        <translation>{variation} : score de prédominance 0–3 (§2.2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overall</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{overall}: the sum of the 11 scores</source>
        <translation>{overall} : la somme des 11 scores</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{rank} on {name}</source>
        <translation>{rank} sur {name}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Methods to evaluate (those with descriptors in this project)</source>
        <translation>Méthodes à évaluer (celles qui ont des descripteurs dans ce projet)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recompute</source>
        <translation>Recalculer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluate again (F5); it also happens by itself when annotations, judgments or descriptors change</source>
        <translation>Évaluer de nouveau (F5) ; cela se fait aussi tout seul quand les annotations, les jugements ou les descripteurs changent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open a project with extracted methods.</source>
        <translation>Ouvrez un projet dont des méthodes sont extraites.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Original vs grayscale&lt;/b&gt; (Table 2)</source>
        <translation>&lt;b&gt;Original ou niveaux de gris&lt;/b&gt; (tableau 2)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Pearson r over the annotated classes (Table 1); click a cell</source>
        <translation>r de Pearson sur les classes annotées (tableau 1) ; cliquez sur une case</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;b&gt;Methods&lt;/b&gt;</source>
        <translation>&lt;b&gt;Méthodes&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Global mAP&lt;/b&gt;</source>
        <translation>&lt;b&gt;mAP globale&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;mAP per class&lt;/b&gt; (Table 3) — three best methods of each class in dark to light green; variation scores 0–3; click a header to sort</source>
        <translation>&lt;b&gt;mAP par classe&lt;/b&gt; (tableau 3) — les trois meilleures méthodes de chaque classe du vert foncé au vert clair ; scores de variation 0–3 ; cliquez sur un en-tête pour trier</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>All methods</source>
        <translation>Toutes les méthodes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before / after adaptation</source>
        <translation>Avant / après adaptation</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>No correlation yet: no class has variation annotations (annotate classes, or import resources/examples/rparis6k_variations.csv).</source>
        <translation>Pas encore de corrélation : aucune classe n&apos;a d&apos;annotations de variations (annotez des classes, ou importez resources/examples/rparis6k_variations.csv).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{queries} queries in {classes} classes; correlation over {annotated} annotated classes</source>
        <translation>{queries} requêtes dans {classes} classes ; corrélation sur {annotated} classes annotées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{queries} queries in {classes} classes; correlation over {annotated} annotated class</source>
        <translation>{queries} requêtes dans {classes} classes ; corrélation sur {annotated} classe annotée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; {count} judged queries</source>
        <translation> ; {count} requêtes jugées</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Easy mAP</source>
        <translation>mAP facile</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Medium mAP</source>
        <translation>mAP moyenne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hard mAP</source>
        <translation>mAP difficile</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+24"/>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>class mAP</source>
        <translation>mAP par classe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>queries</source>
        <translation>requêtes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>mean of the per-class mAPs (each class weighs the same)</source>
        <translation>moyenne des mAP par classe (chaque classe pèse autant)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>original</source>
        <translation>original</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>grayscale</source>
        <translation>niveaux de gris</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>difference</source>
        <translation>écart</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>{variation} vs {method}: r = {r} ({count} classes)</source>
        <translation>{variation} contre {method} : r = {r} ({count} classes)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sum of the scores</source>
        <translation>somme des scores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predominance 0–3</source>
        <translation>prédominance 0–3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mAP of {method}</source>
        <translation>mAP de {method}</translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/duplicates_panel.py" line="+85"/>
        <source>Near-duplicate groups — {method}</source>
        <translation>Groupes de quasi-doublons — {method}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Find groups ({method})</source>
        <translation>Trouver les groupes ({method})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Group the copies of one photograph: rescaled, recompressed, cropped, framed, recoloured, rotated; decisions on groups found again are kept</source>
        <translation>Regrouper les copies d&apos;une même photographie : redimensionnées, recompressées, recadrées, encadrées, recolorées, pivotées ; les décisions sur les groupes retrouvés sont conservées</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the saved groups…</source>
        <translation>Lecture des groupes enregistrés…</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+129"/>
        <source>Confirm group</source>
        <translation>Confirmer le groupe</translation>
    </message>
    <message>
        <location line="-129"/>
        <source>Split selected images out</source>
        <translation>Sortir les images sélectionnées du groupe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge selected groups</source>
        <translation>Fusionner les groupes sélectionnés</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Make representative</source>
        <translation>Désigner comme représentante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Finding near-duplicates with {method}…</source>
        <translation>Recherche des quasi-doublons avec {method}…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cancelled; the SIFT features described so far are cached, a new run resumes from them.</source>
        <translation>Annulé ; les caractéristiques SIFT décrites jusqu&apos;ici sont en cache, une nouvelle recherche reprend à partir d&apos;elles.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No groups: {message}</source>
        <translation>Aucun groupe : {message}</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+99"/>
        <source>No groups yet: Find groups looks for copies of one photograph in the collection.</source>
        <translation>Pas encore de groupes : Trouver les groupes cherche les copies d&apos;une même photographie dans le fonds.</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>{mark}{n}. {count} images — {name}</source>
        <translation>{mark}{n}. {count} images — {name}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{count} groups ({images} images; {confirmed} confirmed) by {method}. Double-click an image to open it.</source>
        <translation>{count} groupes ({images} images ; {confirmed} confirmés) selon {method}. Double-cliquez sur une image pour l&apos;ouvrir.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Unconfirm group</source>
        <translation>Annuler la confirmation du groupe</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>unconfirm near-duplicate group {number}</source>
        <translation>retirer la confirmation du groupe de quasi-doublons {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confirm near-duplicate group {number}</source>
        <translation>confirmer le groupe de quasi-doublons {number}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>split {count} images out of near-duplicate group {number}</source>
        <translation>séparer {count} images du groupe de quasi-doublons {number}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>merge near-duplicate groups {numbers}</source>
        <translation>fusionner les groupes de quasi-doublons {numbers}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Click the image that should stand for the group first.</source>
        <translation>Cliquez d&apos;abord sur l&apos;image qui doit représenter le groupe.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>representative of near-duplicate group {number}: {name}</source>
        <translation>représentant du groupe de quasi-doublons {number} : {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the near-duplicate groups</source>
        <translation>Exporter les groupes de quasi-doublons</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>near_duplicates.csv</source>
        <translation>quasi_doublons.csv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not exported: {exc}</source>
        <translation>Non exporté : {exc}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported {count} groups to {path}</source>
        <translation>{count} groupes exportés dans {path}</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/empty_state.py" line="+17"/>
        <source>No project is open.</source>
        <translation>Aucun projet n&apos;est ouvert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a project for a collection, or open one you made before.
You can also drag a project folder onto the window to open it.</source>
        <translation>Créez un projet pour un fonds, ou ouvrez un projet existant.
Vous pouvez aussi déposer un dossier de projet sur la fenêtre pour l&apos;ouvrir.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This project has no images yet.</source>
        <translation>Ce projet n&apos;a pas encore d&apos;images.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a folder of images, a CSV listing or a IIIF manifest (File menu),
or drag a folder of images onto the window to import it.</source>
        <translation>Importez un dossier d&apos;images, une liste CSV ou un manifeste IIIF (menu Fichier),
ou déposez un dossier d&apos;images sur la fenêtre pour l&apos;importer.</translation>
    </message>
</context>
<context>
    <name>ExtractionPanel</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/extraction_columns.py" line="+15"/>
        <source>Grayscale (+gray)</source>
        <extracomment>flag, label, tool tip (translated where shown)</extracomment>
        <translation>Niveaux de gris (+gray)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Describe the images in grey levels (Alegoria Table 2)</source>
        <translation>Décrire les images en niveaux de gris (Alegoria, tableau 2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multi-scale (+ms)</source>
        <translation>Multi-échelle (+ms)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Combine scales 1, 1/√2 and 1/2</source>
        <translation>Combiner les échelles 1, 1/√2 et 1/2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PCA-whitening (+pcaw512)</source>
        <translation>Blanchiment ACP (+pcaw512)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whiten to 512 dimensions, fitted on this collection</source>
        <translation>Blanchir en 512 dimensions, ajusté sur ce fonds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PCA (+pca256)</source>
        <translation>ACP (+pca256)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reduce to 256 dimensions by PCA without whitening, fitted on this collection</source>
        <translation>Réduire à 256 dimensions par ACP sans blanchiment, ajustée sur ce fonds</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extracted</source>
        <translation>Extrait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dim</source>
        <translation>Dim.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weights</source>
        <translation>Poids</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fitted on the collection</source>
        <translation>Ajusté sur le fonds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Estimate (time, disk)</source>
        <translation>Estimation (durée, disque)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>global</source>
        <translation>global</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>colour</source>
        <translation>couleur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>local</source>
        <translation>local</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>adapted</source>
        <translation>adapté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Global CNN poolings</source>
        <translation>Agrégations globales CNN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour histogram</source>
        <translation>Histogramme de couleurs</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Local features</source>
        <translation>Caractéristiques locales</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adaptations of this project</source>
        <translation>Adaptations de ce projet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>s</source>
        <extracomment>pipeline.cost_estimate&apos;s units and sources, as shown</extracomment>
        <translation>s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>B</source>
        <translation>o</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kB</source>
        <translation>ko</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MB</source>
        <translation>Mo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GB</source>
        <translation>Go</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>measured in this project</source>
        <translation>mesurée dans ce projet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>benchmark of the development machine (README, Performance)</source>
        <translation>banc d&apos;essai de la machine de développement (README, Performance)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>benchmark of efflite0, scaled by the network&apos;s published multiply-adds</source>
        <translation>banc d&apos;essai d&apos;efflite0, rapporté aux multiplications-additions publiées du réseau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>benchmark: decoding-bound, as ORB</source>
        <translation>banc d&apos;essai : limité par le décodage, comme ORB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no figure to estimate from</source>
        <translation>aucune mesure sur laquelle fonder l&apos;estimation</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Estimate for {spec} on the {images} images of this project: {cost} ({source}). Re-rankings and query expansion add nothing: they use their parts&apos; stores.</source>
        <translation>Estimation pour {spec} sur les {images} images de ce projet : {cost} ({source}). Les reclassements et l&apos;expansion de requête n&apos;ajoutent rien : ils utilisent les descripteurs stockés de leurs composants.</translation>
    </message>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/extraction_panel.py" line="+97"/>
        <location line="+180"/>
        <source>Extract</source>
        <translation>Extraire</translation>
    </message>
    <message>
        <location line="-179"/>
        <source>Compute the descriptors of the ticked methods (Ctrl+E)</source>
        <translation>Calculer les descripteurs des méthodes cochées (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop; finished batches are kept and Resume continues from there</source>
        <translation>Arrêter ; les lots terminés sont conservés et Reprendre continue à partir de là</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable images (skipped)</source>
        <translation>Images illisibles (ignorées)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>present</source>
        <translation>présents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>missing</source>
        <translation>absents</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weights: {weights}</source>
        <translation>Poids : {weights}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unavailable: {weights}</source>
        <translation>Indisponible : {weights}</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+7"/>
        <source>Extracted for this project: </source>
        <translation>Extrait pour ce projet : </translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Not extracted for this project</source>
        <translation>Non extrait pour ce projet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>nothing yet</source>
        <translation>rien pour l&apos;instant</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{spec}: fitted on this collection before extraction: {fitted}</source>
        <translation>{spec} : ajusté sur ce fonds avant l&apos;extraction : {fitted}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Will compute: </source>
        <translation>Sera calculé : </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing (tick a method)</source>
        <translation>rien (cochez une méthode)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  —  options not applicable to {specs}</source>
        <translation>  —  options non applicables à {specs}</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+81"/>
        <location line="+10"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>&lt;b&gt;{spec}&lt;/b&gt; ({count} finished batches kept)</source>
        <translation>&lt;b&gt;{spec}&lt;/b&gt; ({count} lots terminés conservés)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;{spec}&lt;/b&gt; ({count} finished batch kept)</source>
        <translation>&lt;b&gt;{spec}&lt;/b&gt; ({count} lot terminé conservé)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interrupted extraction: </source>
        <translation>Extraction interrompue : </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>. Press Resume to continue where it stopped.</source>
        <translation>. Cliquez sur Reprendre pour continuer là où elle s&apos;est arrêtée.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Tick at least one available method to extract.</source>
        <translation>Cochez au moins une méthode disponible à extraire.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>cancelling…</source>
        <translation>annulation…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>done: {computed} described, {reused} already up to date</source>
        <translation>terminé : {computed} décrites, {reused} déjà à jour</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Extraction finished in {seconds:.1f} s</source>
        <translation>Extraction terminée en {seconds:.1f} s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; {n_errors} unreadable image(s) skipped</source>
        <translation> ; {n_errors} image(s) illisible(s) ignorée(s)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>
The batches finished before are kept: press Resume to continue where it stopped.</source>
        <translation>
Les lots terminés auparavant sont conservés : cliquez sur Reprendre pour continuer là où elle s&apos;est arrêtée.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cancelled at {done}/{total}: press Resume to continue</source>
        <translation>annulée à {done}/{total} : cliquez sur Reprendre pour continuer</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/filter_bar.py" line="+24"/>
        <source>Show one class (label) only</source>
        <translation>N&apos;afficher qu&apos;une classe (étiquette)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter: words of the file name, class or metadata…</source>
        <translation>Filtrer : mots du nom de fichier, de la classe ou des métadonnées…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Thumbnail size</source>
        <translation>Taille des vignettes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{size} px</source>
        <translation>{size} px</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Class:</source>
        <translation>Classe :</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{shown:,} of {total:,} images</source>
        <translation>{shown:,} images sur {total:,}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{total:,} images</source>
        <translation>{total:,} images</translation>
    </message>
</context>
<context>
    <name>ImagePreview</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/image_preview.py" line="+97"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot show this image:
{message}</source>
        <translation>Impossible d&apos;afficher cette image :
{message}</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/image_viewer.py" line="+151"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search a region</source>
        <translation>Rechercher une zone</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw a box on the image (R) to search with that region only</source>
        <translation>Tracer un cadre sur l&apos;image (R) pour rechercher avec cette seule zone</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{width}×{height} shown — wheel or +/- to zoom, drag to pan, 0 to fit</source>
        <translation>{width}×{height} affichés — molette ou +/- pour zoomer, glisser pour se déplacer, 0 pour ajuster</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Region found at x,y,w,h = {found} (yellow box); </source>
        <translation>Zone trouvée en x,y,l,h = {found} (cadre jaune) ; </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open: {message}</source>
        <translation>Ouverture impossible : {message}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Drag a box around the detail to search with; R or the button again to cancel</source>
        <translation>Tracez un cadre autour du détail à rechercher ; R ou le bouton à nouveau pour annuler</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>That box is outside the image: draw it on the picture</source>
        <translation>Ce cadre est hors de l&apos;image : tracez-le sur l&apos;image</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Searching with region x,y,w,h = {box} (pixels of the original image)</source>
        <translation>Recherche avec la zone x,y,l,h = {box} (pixels de l&apos;image d&apos;origine)</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../heritage_explorer/gui/import_controller.py" line="+24"/>
        <source>Import cancelled; re-import the source to continue.</source>
        <translation>Import annulé ; importez de nouveau la source pour continuer.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancel</source>
        <extracomment>An import ended: (what to say, level &quot;info&quot; or &quot;error&quot;).</extracomment>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Importing {source}…</source>
        <translation>Import de {source}…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Imported {source}: {listed} listed, {changed} new or changed, {problems} problem(s)</source>
        <translation>{source} importé : {listed} listés, {changed} nouveaux ou modifiés, {problems} problème(s)</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/job_progress.py" line="+35"/>
        <source>Cancel</source>
        <extracomment>The tracked job was cancelled by Cancel (one cancelled because a newer job is tracked is not reported).</extracomment>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop verifying: the results so far are dropped, the grid stays as it was</source>
        <translation>Arrêter la vérification : les résultats obtenus jusqu&apos;ici sont abandonnés, la grille reste inchangée</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Verifying candidates geometrically: {progress}</source>
        <translation>Vérification géométrique des candidats : {progress}</translation>
    </message>
</context>
<context>
    <name>Judging</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/judging.py" line="+3"/>
        <source>Judge the selected result: G good · O ok (hard) · J junk · W wrong · X clear — then the next result is selected; Ctrl+J judges the next unjudged query.</source>
        <translation>Jugez le résultat sélectionné : G bon · O acceptable (difficile) · J inexploitable · W faux · X effacer — le résultat suivant est alors sélectionné ; Ctrl+J passe à la prochaine requête non jugée.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Revisited mAP: no judged query yet.</source>
        <translation>mAP révisée : aucune requête jugée pour l&apos;instant.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Revisited mAP of &lt;b&gt;{spec}&lt;/b&gt; over {count} judged query ({judgments} judgments): Easy &lt;b&gt;{easy}&lt;/b&gt; · Medium &lt;b&gt;{medium}&lt;/b&gt; · Hard &lt;b&gt;{hard}&lt;/b&gt;</source>
        <translation>mAP révisée de &lt;b&gt;{spec}&lt;/b&gt; sur {count} requête jugée ({judgments} jugements) : facile &lt;b&gt;{easy}&lt;/b&gt; · moyen &lt;b&gt;{medium}&lt;/b&gt; · difficile &lt;b&gt;{hard}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revisited mAP of &lt;b&gt;{spec}&lt;/b&gt; over {count} judged queries ({judgments} judgments): Easy &lt;b&gt;{easy}&lt;/b&gt; · Medium &lt;b&gt;{medium}&lt;/b&gt; · Hard &lt;b&gt;{hard}&lt;/b&gt;</source>
        <translation>mAP révisée de &lt;b&gt;{spec}&lt;/b&gt; sur {count} requêtes jugées ({judgments} jugements) : facile &lt;b&gt;{easy}&lt;/b&gt; · moyen &lt;b&gt;{medium}&lt;/b&gt; · difficile &lt;b&gt;{hard}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>JudgingController</name>
    <message>
        <location filename="../../heritage_explorer/gui/judging_controller.py" line="+69"/>
        <source>Select a result first (click it or use the arrow keys).</source>
        <translation>Sélectionnez d&apos;abord un résultat (cliquez dessus ou utilisez les flèches).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only searches with a catalog image can be judged (not an external file).</source>
        <translation>Seules les recherches faites avec une image du catalogue peuvent être jugées (pas avec un fichier externe).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is the query itself: judge the other results.</source>
        <translation>C&apos;est la requête elle-même : jugez les autres résultats.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Open a project first.</source>
        <translation>Ouvrez d&apos;abord un projet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every query image has judgments.</source>
        <translation>Chaque image requête a des jugements.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Judgment changed for query {edits} (not the one shown).</source>
        <translation>Jugement modifié pour la requête {edits} (pas celle affichée).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Revisited mAP: computing…</source>
        <translation>mAP révisée : calcul en cours…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Revisited mAP: {text}</source>
        <translation>mAP révisée : {text}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../heritage_explorer/gui/main_window.py" line="+64"/>
        <source>Read-only project: browsing, search and export work; importing, extraction, annotating and judging need write access (copy the project to a writable folder).</source>
        <extracomment>What the window says when it opens a read-only project (a read-only drive or folder).</extracomment>
        <translation>Projet en lecture seule : la consultation, la recherche et l&apos;export fonctionnent ; l&apos;import, l&apos;extraction, l&apos;annotation et le jugement demandent un accès en écriture (copiez le projet dans un dossier modifiable).</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Results</source>
        <extracomment>Another project was opened (or the open one&apos;s catalog was re-read). Variation annotations or relevance judgments of the open project changed.</extracomment>
        <translation>Résultats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare methods</source>
        <translation>Comparer les méthodes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotate variations</source>
        <translation>Annoter les variations</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Extraction</source>
        <translation>Extraction</translation>
    </message>
    <message>
        <location line="+80"/>
        <source> (read-only)</source>
        <translation> (lecture seule)</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Open or create a project first (File ▸ New project).</source>
        <translation>Ouvrez ou créez d&apos;abord un projet (Fichier ▸ Nouveau projet).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An import is already running.</source>
        <translation>Un import est déjà en cours.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>The clipboard holds no image or image file.</source>
        <translation>Le presse-papiers ne contient ni image ni fichier image.</translation>
    </message>
</context>
<context>
    <name>MapColouring</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/map_colouring.py" line="+120"/>
        <source>other ({count} values)</source>
        <translation>autres ({count} valeurs)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+19"/>
        <source>no value</source>
        <translation>sans valeur</translation>
    </message>
</context>
<context>
    <name>MatchView</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/match_view.py" line="+67"/>
        <source>inliers (geometrically verified)</source>
        <translation>points cohérents (vérifiés géométriquement)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outliers (rejected by RANSAC)</source>
        <translation>points aberrants (rejetés par RANSAC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keypoints</source>
        <translation>points d&apos;intérêt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>region</source>
        <translation>zone</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Matches: {query} ↔ {result}</source>
        <translation>Appariements : {query} ↔ {result}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Outliers</source>
        <translation>Aberrants</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the tentative matches that RANSAC rejected (red), O</source>
        <translation>Afficher les appariements candidats rejetés par RANSAC (en rouge), O</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keypoints</source>
        <translation>Points d&apos;intérêt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show every keypoint of both images (blue), K</source>
        <translation>Afficher tous les points d&apos;intérêt des deux images (en bleu), K</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show both images whole (0)</source>
        <translation>Afficher les deux images en entier (0)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Matching…</source>
        <translation>Appariement…</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>{spec}: {inliers} inliers of {tentative} tentative matches ({geometry} fitted by RANSAC); {keypoints_a} and {keypoints_b} keypoints</source>
        <translation>{spec} : {inliers} points cohérents sur {tentative} appariements candidats ({geometry} estimée par RANSAC) ; {keypoints_a} et {keypoints_b} points d&apos;intérêt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>; region {region} (dashed) found at {found} (solid)</source>
        <translation> ; zone {region} (tirets) trouvée en {found} (trait plein)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; region {region} (dashed) not found: too few inliers</source>
        <translation> ; zone {region} (tirets) non trouvée : trop peu de points cohérents</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — wheel or +/- to zoom, drag to pan, 0 to fit</source>
        <translation> — molette ou +/- pour zoomer, glisser pour se déplacer, 0 pour ajuster</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot show the matches: {message}</source>
        <translation>Impossible d&apos;afficher les appariements : {message}</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../heritage_explorer/gui/menus.py" line="+30"/>
        <source>&amp;Evaluation</source>
        <translation>É&amp;valuation</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Evaluation &amp;dashboard</source>
        <translation>&amp;Tableau de bord de l&apos;évaluation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where &amp;A beats B</source>
        <translation>Où &amp;A l&apos;emporte sur B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Recompute the analysis</source>
        <translation>&amp;Recalculer l&apos;analyse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export analysis report…</source>
        <translation>E&amp;xporter le rapport d&apos;analyse…</translation>
    </message>
    <message>
        <location line="-107"/>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Analyse</source>
        <translation>&amp;Analyse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;New project…</source>
        <extracomment>The one action table: menus (in this order), tool bar, shortcuts, enabled states, the monkey test.</extracomment>
        <translation>&amp;Nouveau projet…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open project…</source>
        <translation>&amp;Ouvrir un projet…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import &amp;folder…</source>
        <translation>Importer un &amp;dossier…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import &amp;CSV listing…</source>
        <translation>Importer une liste &amp;CSV…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import IIIF manifest (&amp;file)…</source>
        <translation>Importer un manifeste IIIF (&amp;fichier)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import IIIF manifest (&amp;URL)…</source>
        <translation>Importer un manifeste IIIF (&amp;URL)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Allow CSV paths outside the CSV&apos;s folder</source>
        <translation>Autoriser les chemins CSV hors du dossier du CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+108"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location line="-106"/>
        <location line="+108"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>&amp;Extract ticked methods</source>
        <translation>&amp;Extraire les méthodes cochées</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Mined pairs of an adaptation…</source>
        <translation>&amp;Paires extraites d’une adaptation…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel running jobs</source>
        <translation>A&amp;nnuler les tâches en cours</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search with &amp;pasted image</source>
        <translation>Rechercher avec l&apos;image &amp;collée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search with selected image</source>
        <translation>Rechercher avec l&apos;image &amp;sélectionnée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open selected image</source>
        <translation>&amp;Ouvrir l&apos;image sélectionnée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Judge next unjudged query</source>
        <translation>&amp;Juger la prochaine requête non jugée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Filter…</source>
        <translation>&amp;Filtrer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Results</source>
        <translation>&amp;Résultats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Compare methods</source>
        <translation>&amp;Comparer les méthodes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Annotate variations</source>
        <translation>&amp;Annoter les variations</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Larger thumbnails</source>
        <translation>Vignettes plus &amp;grandes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Smaller thumbnails</source>
        <translation>Vignettes plus &amp;petites</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xtraction panel</source>
        <translation>Panneau d&apos;e&amp;xtraction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Collection &amp;map…</source>
        <translation>Carte du fon&amp;ds…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Near-duplicate groups…</source>
        <translation>Groupes de &amp;quasi-doublons…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;About Heritage Explorer</source>
        <translation>À &amp;propos de Heritage Explorer</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Import a folder of images</source>
        <translation>Importer un dossier d&apos;images</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import a CSV listing</source>
        <translation>Importer une liste CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV listings (*.csv)</source>
        <translation>Listes CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+155"/>
        <source>Import a IIIF manifest</source>
        <translation>Importer un manifeste IIIF</translation>
    </message>
    <message>
        <location line="-154"/>
        <source>IIIF manifests (*.json)</source>
        <translation>Manifestes IIIF (*.json)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Undone: {edit}</source>
        <translation>Annulé : {edit}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redone: {edit}</source>
        <translation>Rétabli : {edit}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Undo {edit}</source>
        <translation>&amp;Annuler : {edit}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo {edit}</source>
        <translation>&amp;Rétablir : {edit}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose a folder for the new project</source>
        <translation>Choisissez un dossier pour le nouveau projet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a project folder</source>
        <translation>Ouvrir un dossier de projet</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Manifest URL (http or https):</source>
        <translation>URL du manifeste (http ou https) :</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No map yet: open a project and extract a global method first.</source>
        <translation>Pas encore de carte : ouvrez un projet et extrayez d&apos;abord une méthode globale.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No near-duplicates yet: open a project and extract a global method first.</source>
        <translation>Pas encore de quasi-doublons : ouvrez un projet et extrayez d&apos;abord une méthode globale.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/message_bar.py" line="+33"/>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>MethodBuilder</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/method_builder.py" line="+44"/>
        <source>homography (planar or distant scene)</source>
        <extracomment>The geometric models of the verification (``+fundamental``, ``+affine``; homography by default).</extracomment>
        <translation>homographie (scène plane ou lointaine)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fundamental matrix (3-D scene)</source>
        <translation>matrice fondamentale (scène en 3D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>affine map</source>
        <translation>transformation affine</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>off</source>
        <translation>désactivée</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Method builder: re-ranking and query expansion</source>
        <translation>Composer une méthode : reclassement et expansion de requête</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The global method that ranks the whole collection (A of A&gt;&gt;B@K)</source>
        <translation>La méthode globale qui classe tout le fonds (A dans A&gt;&gt;B@K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database-side augmentation: each database vector averaged with its k nearest neighbours (+dba&lt;k&gt;)</source>
        <translation>Augmentation côté base (DBA) : chaque vecteur de la base moyenné avec ses k plus proches voisins (+dba&lt;k&gt;)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weight of the neighbours, similarity^α (0: plain average)</source>
        <translation>Poids des voisins, similarité^α (0 : moyenne simple)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Query expansion: the query averaged with its top k results (+aqe&lt;k&gt;; αQE with α &gt; 0)</source>
        <translation>Expansion de requête : la requête moyennée avec ses k premiers résultats (+aqe&lt;k&gt; ; αQE si α &gt; 0)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight of the neighbours, similarity^α (0: average query expansion)</source>
        <translation>Poids des voisins, similarité^α (0 : expansion de requête par moyenne, AQE)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The local method that verifies the shortlist and re-ranks it by inlier count (B of A&gt;&gt;B@K)</source>
        <translation>La méthode locale qui vérifie la liste restreinte et la reclasse par nombre de points cohérents (B dans A&gt;&gt;B@K)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Shortlist: how many of the global method&apos;s first results are verified (K of A&gt;&gt;B@K)</source>
        <translation>Liste restreinte : combien des premiers résultats de la méthode globale sont vérifiés (K dans A&gt;&gt;B@K)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verification</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the shortlist&apos;s pairs are verified: geometric model, matcher, inliers needed</source>
        <translation>Comment les paires de la liste restreinte sont vérifiées : modèle géométrique, appariement, points cohérents requis</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The model RANSAC fits to the matches (+fundamental, +affine)</source>
        <translation>Le modèle que RANSAC ajuste aux correspondances (+fundamental, +affine)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LighterGlue matching (XFeat)</source>
        <translation>Appariement LighterGlue (XFeat)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match XFeat keypoints with LighterGlue instead of mutual nearest neighbours (+lg)</source>
        <translation>Apparier les points clés XFeat avec LighterGlue plutôt que par plus proches voisins mutuels (+lg)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A shortlist image moves up only from this many inliers (+min&lt;N&gt;)</source>
        <translation>Une image de la liste restreinte ne remonte qu’à partir de ce nombre de points cohérents (+min&lt;N&gt;)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Geometry:</source>
        <translation>Géométrie :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inliers needed:</source>
        <translation>Points cohérents requis :</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tick the missing parts for extraction</source>
        <translation>Cocher les composants manquants pour l&apos;extraction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search with it</source>
        <translation>Rechercher avec</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the method to the Method box (kept in the settings) and search with it</source>
        <translation>Ajouter la méthode à la liste Méthode (conservée dans les paramètres) et rechercher avec elle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add to the comparison</source>
        <translation>Ajouter à la comparaison</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the method as a row of the Compare methods tab (kept in the settings)</source>
        <translation>Afficher la méthode comme une ligne de l&apos;onglet Comparer les méthodes (conservée dans les paramètres)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Global:</source>
        <translation>Globale :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DBA:</source>
        <translation>DBA :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Query expansion:</source>
        <translation>Expansion de requête :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-rank with:</source>
        <translation>Reclasser avec :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shortlist:</source>
        <translation>Liste restreinte :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Method:</source>
        <translation>Méthode :</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>none (no re-ranking)</source>
        <translation>aucune (pas de reclassement)</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>no global method to build on</source>
        <translation>aucune méthode globale sur laquelle composer</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not extracted for this project: {parts}. The method needs no store of its own, only its parts&apos;.</source>
        <translation>Non extrait pour ce projet : {parts}. La méthode n&apos;a besoin d&apos;aucun stockage propre, seulement de celui de ses composants.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every part is extracted: the method can be searched now.</source>
        <translation>Tous les composants sont extraits : la méthode peut servir à la recherche dès maintenant.</translation>
    </message>
</context>
<context>
    <name>MethodBuilderController</name>
    <message>
        <location filename="../../heritage_explorer/gui/method_builder_controller.py" line="+115"/>
        <source>{spec} is kept: it will be offered once {parts} is extracted.</source>
        <translation>{spec} est conservée : elle sera proposée dès que {parts} sera extrait.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{spec} is kept: it will be offered once {parts} are extracted.</source>
        <translation>{spec} est conservée : elle sera proposée dès que {parts} seront extraits.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ticked {parts} for extraction: press Extract.</source>
        <translation>Coché pour l&apos;extraction : {parts}. Cliquez sur Extraire.</translation>
    </message>
</context>
<context>
    <name>MinedPairs</name>
    <message>
        <location filename="../../heritage_explorer/gui/models/mined_pairs.py" line="+35"/>
        <source>verified positive</source>
        <translation>positive vérifiée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inliers in a small area</source>
        <translation>points cohérents sur une petite zone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hard negative</source>
        <translation>négative difficile</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enough inliers spread over both images: a positive pair the adaptation learns from</source>
        <translation>Assez de points cohérents, répartis sur les deux images : une paire positive dont l&apos;adaptation apprend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enough inliers, but packed in a small part of an image (a logo, a watermark): not used</source>
        <translation>Assez de points cohérents, mais concentrés sur une petite partie d&apos;une image (un logo, un filigrane) : non utilisée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Near neighbours by the base descriptor that the local matching did not verify</source>
        <translation>Proches voisins selon le descripteur de base que l&apos;appariement local n&apos;a pas vérifiés</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Image A</source>
        <translation>Image A</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Image B</source>
        <translation>Image B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inliers</source>
        <translation>Points cohérents</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spread</source>
        <translation>Étendue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Similarity</source>
        <translation>Similarité</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>The smaller of the two fractions of an image that the inliers&apos; bounding box covers</source>
        <translation>La plus petite des deux fractions d&apos;image que couvre le rectangle englobant des points cohérents</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>image {id}: no longer in the catalog</source>
        <translation>image {id} : n&apos;est plus dans le catalogue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>class: {group}</source>
        <translation>classe : {group}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no class</source>
        <translation>sans classe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unreadable: {reason}</source>
        <translation>illisible : {reason}</translation>
    </message>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/mined_pairs_view.py" line="+50"/>
        <source>Mined pairs</source>
        <translation>Paires extraites</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The adaptation whose mined sample is shown (P/adapt/NAME/pairs.json)</source>
        <translation>L&apos;adaptation dont l&apos;échantillon extrait est affiché (P/adapt/NOM/pairs.json)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the pairs of one kind</source>
        <translation>Afficher les paires d&apos;un seul type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show matches</source>
        <translation>Afficher les appariements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The inliers of the selected pair (double-click a row)</source>
        <translation>Les points cohérents de la paire sélectionnée (double-clic sur une ligne)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Adaptation:</source>
        <translation>Adaptation :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind:</source>
        <translation>Type :</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Reading the mined pairs of {name}…</source>
        <translation>Lecture des paires extraites de {name}…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;b&gt;{count}&lt;/b&gt; neighbour pairs verified with {local}: {positives} verified positives, {negatives} hard negatives, {unspread} with inliers in a small area.</source>
        <translation>&lt;b&gt;{count}&lt;/b&gt; paires de voisins vérifiées avec {local} : {positives} positives vérifiées, {negatives} négatives difficiles, {unspread} aux points cohérents concentrés sur une petite zone.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Base {base}, {k} neighbours per image, positive from {min_inliers} inliers over {min_spread:.0%} of both images.</source>
        <translation>Base {base}, {k} voisins par image, positive à partir de {min_inliers} points cohérents sur {min_spread:.0%} des deux images.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Incomplete: {verified} of {candidates} candidate pairs verified (the time bound was reached).</source>
        <translation>Incomplet : {verified} paires candidates vérifiées sur {candidates} (la limite de temps a été atteinte).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Double-click a pair to see its matches.</source>
        <translation>Double-cliquez sur une paire pour voir ses appariements.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot show the mined pairs: {message}</source>
        <translation>Impossible d&apos;afficher les paires extraites : {message}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All kinds ({count})</source>
        <translation>Tous les types ({count})</translation>
    </message>
</context>
<context>
    <name>Plots</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/plots.py" line="+101"/>
        <source>No correlation: annotate the variations of some classes first.</source>
        <translation>Pas de corrélation : annotez d&apos;abord les variations de quelques classes.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>undefined (a constant series)</source>
        <translation>indéfini (une série constante)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{row} × {column}: Pearson r = {r}
click: scatter of the classes</source>
        <translation>{row} × {column} : r de Pearson = {r}
clic : nuage des classes</translation>
    </message>
</context>
<context>
    <name>QueryController</name>
    <message>
        <location filename="../../heritage_explorer/gui/query_controller.py" line="+28"/>
        <source>No descriptors yet: tick a method in the Extraction panel and press Extract.</source>
        <translation>Pas encore de descripteurs : cochez une méthode dans le panneau Extraction et cliquez sur Extraire.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Query: region {region} (x,y,w,h) of {name} (#{image_id})</source>
        <translation>Requête : zone {region} (x,y,l,h) de {name} (n° {image_id})</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Search failed: {message}</source>
        <translation>Échec de la recherche : {message}</translation>
    </message>
</context>
<context>
    <name>ReportExport</name>
    <message>
        <location filename="../../heritage_explorer/gui/report_export.py" line="+46"/>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel export</source>
        <translation>Annuler l&apos;export</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+11"/>
        <source>Open a project first: there is nothing to report on.</source>
        <translation>Ouvrez d&apos;abord un projet : il n&apos;y a rien sur quoi faire un rapport.</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Export the analysis report to a folder</source>
        <translation>Exporter le rapport d&apos;analyse dans un dossier</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A report export is already running.</source>
        <translation>Un export de rapport est déjà en cours.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No method has descriptors yet: extract one before exporting a report.</source>
        <translation>Aucune méthode n&apos;a encore de descripteurs : extrayez-en une avant d&apos;exporter un rapport.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exporting report to {name}…</source>
        <translation>Export du rapport dans {name}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Report export failed: {message}</source>
        <translation>Échec de l&apos;export du rapport : {message}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report export cancelled.</source>
        <translation>Export du rapport annulé.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Report: {stage}{detail}</source>
        <translation>Rapport : {stage}{detail}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Analysis report written to {folder}: {files}.</source>
        <translation>Rapport d&apos;analyse écrit dans {folder} : {files}.</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/search_view.py" line="+22"/>
        <source>Click an image, drop a file on the window or paste one (Ctrl+V) to search.</source>
        <translation>Cliquez sur une image, déposez un fichier sur la fenêtre ou collez-en un (Ctrl+V) pour lancer une recherche.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open or create a project, then click an image or drop a file on the window to search.</source>
        <translation>Ouvrez ou créez un projet, puis cliquez sur une image ou déposez un fichier sur la fenêtre pour lancer une recherche.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Method used for the result grid: global descriptors, local features (score: inlier count) and re-rankings GLOBAL&gt;&gt;LOCAL@K</source>
        <translation>Méthode utilisée pour la grille de résultats : descripteurs globaux, caractéristiques locales (score : nombre de points cohérents) et reclassements GLOBAL&gt;&gt;LOCAL@K</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing extracted yet</source>
        <translation>rien d&apos;extrait pour l&apos;instant</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>top </source>
        <translation>premiers </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of results per method</source>
        <translation>Nombre de résultats par méthode</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Method:</source>
        <translation>Méthode :</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>external file</source>
        <translation>fichier externe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Query: {path} ({where}, class: {group})</source>
        <translation>Requête : {path} ({where}, classe : {group})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>nothing extracted yet: tick a method in the Extraction panel and press Extract</source>
        <translation>rien d&apos;extrait pour l&apos;instant : cochez une méthode dans le panneau Extraction et cliquez sur Extraire</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Search cancelled: pick the query again to search</source>
        <translation>Recherche annulée : choisissez de nouveau la requête pour relancer la recherche</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>  —  score: RANSAC inliers</source>
        <translation>  —  score : points cohérents RANSAC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; box: where the region was found</source>
        <translation> ; cadre : là où la zone a été trouvée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} results with {spec}{score}{found}</source>
        <translation>{count} résultats avec {spec}{score}{found}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  —  frame: green same class, red other class, grey distractor/unknown</source>
        <translation>  —  cadre : vert même classe, rouge autre classe, gris distracteur/inconnue</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Show matches…</source>
        <translation>Afficher les appariements…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only the results of a local method or a re-ranking have matches to show</source>
        <translation>Seuls les résultats d&apos;une méthode locale ou d&apos;un reclassement ont des appariements à afficher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open image</source>
        <translation>Ouvrir l&apos;image</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/settings_dialog.py" line="+43"/>
        <source>Settings</source>
        <extracomment>how the automatic default method&apos;s entry starts (in English; shown translated)</extracomment>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Automatic: the best extracted global descriptor (now {method})</source>
        <translation>Automatique : le meilleur descripteur global extrait (actuellement {method})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Automatic: the best extracted global descriptor (none extracted yet)</source>
        <translation>Automatique : le meilleur descripteur global extrait (aucun extrait pour l&apos;instant)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{method} (not extracted in this project)</source>
        <translation>{method} (non extraite dans ce projet)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Method the Results tab searches with when a project is opened (when it is extracted there)</source>
        <translation>Méthode de recherche de l&apos;onglet Résultats à l&apos;ouverture d&apos;un projet (si elle y est extraite)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{size} px</source>
        <translation>{size} px</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>each project&apos;s cache/ folder</source>
        <translation>le dossier cache/ de chaque projet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder for the thumbnail caches (one sub-folder per project); empty: each project&apos;s cache/ folder</source>
        <translation>Dossier des caches de vignettes (un sous-dossier par projet) ; vide : le dossier cache/ de chaque projet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Threads decoding thumbnails in the background</source>
        <translation>Fils d&apos;exécution qui décodent les vignettes en arrière-plan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none: public addresses only</source>
        <translation>aucun : adresses publiques seulement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hosts a IIIF import may download from although they are on this machine or your network (loopback, private, link-local), which is refused otherwise: names, addresses or networks like 10.1.0.0/16, separated by commas or spaces (as import --allow-host)</source>
        <translation>Hôtes depuis lesquels un import IIIF peut télécharger bien qu&apos;ils soient sur cette machine ou votre réseau (boucle locale, privé, lien local), ce qui est refusé sinon : noms, adresses ou réseaux comme 10.1.0.0/16, séparés par des virgules ou des espaces (comme import --allow-host)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>System (the locale&apos;s language)</source>
        <translation>Système (la langue des paramètres régionaux)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language of the window, from the next start (open --lang overrides it)</source>
        <translation>Langue de la fenêtre, à partir du prochain démarrage (open --lang l&apos;emporte)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Default search method:</source>
        <translation>Méthode de recherche par défaut :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thumbnail size:</source>
        <translation>Taille des vignettes :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thumbnail cache:</source>
        <translation>Cache des vignettes :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thumbnail threads:</source>
        <translation>Fils pour les vignettes :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allowed hosts:</source>
        <translation>Hôtes autorisés :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cache folder and the threads apply to the next project opened, the language at the next start.</source>
        <translation>Le dossier de cache et les fils s&apos;appliquent au prochain projet ouvert, la langue au prochain démarrage.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Folder for thumbnail caches</source>
        <translation>Dossier des caches de vignettes</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Allowed hosts: {error}</source>
        <translation>Hôtes autorisés : {error}</translation>
    </message>
</context>
<context>
    <name>SpecProgress</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/spec_progress.py" line="+15"/>
        <source> · {rate:.1f} images/s</source>
        <translation> · {rate:.1f} images/s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · ETA {minutes}:{seconds:02d}</source>
        <translation> · fin estimée dans {minutes}:{seconds:02d}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{spec}: starting (loading the images and the model)…</source>
        <translation>{spec} : démarrage (chargement des images et du modèle)…</translation>
    </message>
</context>
<context>
    <name>Stages</name>
    <message>
        <location filename="../../heritage_explorer/gui/vocabulary.py" line="+85"/>
        <source>extracting on {workers} workers</source>
        <extracomment>The stages that jobs below the gui report (``core.jobs.Progress.stage``: plain English, as the command line prints them), as templates whose ``{fields}`` stand for names and numbers; the more specific template of two that could match comes first. ``tests/gui/test_translations.py`` checks that every stage written in the package matches one.</extracomment>
        <translation>extraction sur {workers} machines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>extracting {methods}</source>
        <translation>extraction : {methods}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>indexing {method}</source>
        <translation>indexation : {method}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>index</source>
        <translation>indexation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>build {size}</source>
        <translation>construction {size}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reading images</source>
        <translation>lecture des images</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Downloading IIIF images</source>
        <translation>Téléchargement des images IIIF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>download {name}</source>
        <translation>téléchargement : {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verifying neighbours with {method}</source>
        <translation>vérification des voisins par {method}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verifying {method}</source>
        <translation>vérification : {method}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verifying</source>
        <translation>vérification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>local retrieval {method}</source>
        <translation>recherche locale : {method}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>describing {count} augmented view(s) per image</source>
        <translation>description de {count} vue(s) augmentée(s) par image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fine-tuning: computing the frozen stages</source>
        <translation>affinage : calcul des couches figées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fine-tuning, epoch {epoch}/{epochs}</source>
        <translation>affinage, époque {epoch}/{epochs}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>near-duplicates: thumbnails</source>
        <translation>quasi-doublons : vignettes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>near-duplicates: verifying pairs</source>
        <translation>quasi-doublons : vérification des paires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>laying out (UMAP)</source>
        <translation>calcul de la carte (UMAP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>laying out (t-SNE)</source>
        <translation>calcul de la carte (t-SNE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nearest neighbours</source>
        <translation>plus proches voisins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>comparing methods</source>
        <translation>comparaison des méthodes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>evaluating</source>
        <translation>évaluation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reference images</source>
        <translation>images de référence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>writing the report</source>
        <translation>rédaction du rapport</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>drawing the figures</source>
        <translation>tracé des figures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>search benchmark</source>
        <translation>banc d’essai de la recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>memory benchmark</source>
        <translation>banc d’essai de la mémoire</translation>
    </message>
</context>
<context>
    <name>VariationEditor</name>
    <message>
        <location filename="../../heritage_explorer/gui/widgets/variation_editor.py" line="+28"/>
        <source>The object is much closer or farther than in the reference (a detail, or a distant view).</source>
        <extracomment>The key that toggles each variation, in the paper&apos;s order: 1-9, 0, then the key right of 0. Short explanations, after Gominski et al. 2019 §2.2 (&quot;only variations presenting a high level of difficulty were counted&quot;, always relative to the class&apos;s reference image).</extracomment>
        <translation>L&apos;objet est bien plus proche ou plus lointain que sur la référence (un détail, ou une vue éloignée).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lighting clearly differs from the reference: night, strong shadows, over/under-exposure.</source>
        <translation>L&apos;éclairage diffère nettement de la référence : nuit, ombres marquées, surexposition ou sous-exposition.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The viewpoint or angle of view changes a lot (another side, oblique or aerial view, tilt).</source>
        <translation>Le point de vue ou l&apos;angle de prise de vue change beaucoup (autre face, vue oblique ou aérienne, inclinaison).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another colour domain than the reference: grayscale, sepia, tinted or faded colours.</source>
        <translation>Un autre domaine colorimétrique que la référence : niveaux de gris, sépia, couleurs teintées ou passées.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not the same kind of picture: drawing, painting, engraving, map, postcard art.</source>
        <translation>Pas le même type d&apos;image : dessin, peinture, gravure, carte, illustration de carte postale.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part of the object is hidden by something in front of it (people, trees, vehicles).</source>
        <translation>Une partie de l&apos;objet est cachée par quelque chose devant lui (personnes, arbres, véhicules).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The object of interest is not central in the picture (off to a side, partly out of frame).</source>
        <translation>L&apos;objet d&apos;intérêt n&apos;est pas au centre de l&apos;image (décalé sur un côté, en partie hors cadre).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Many other things around the object draw attention away from it.</source>
        <translation>Beaucoup d&apos;autres éléments autour de l&apos;objet en détournent l&apos;attention.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The object is hard to make out, even for a person (blurred, tiny, ambiguous).</source>
        <translation>L&apos;objet est difficile à distinguer, même pour une personne (flou, minuscule, ambigu).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The picture itself is damaged: chemical degradation, stains, scratches, tears, heavy processing or marks added on the image.</source>
        <translation>Le support lui-même est abîmé : dégradation chimique, taches, rayures, déchirures, retouches lourdes ou inscriptions ajoutées sur l&apos;image.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The object or its surroundings changed over a long time span (works, new buildings, demolition, seasons of vegetation).</source>
        <translation>L&apos;objet ou ses abords ont changé sur une longue durée (travaux, nouveaux bâtiments, démolition, saisons de la végétation).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predominance score of the class: auto = derived from the flagged images (0 none, 1 one image, 3 more than a third of the class, else 2); or set it by hand</source>
        <translation>Score de prédominance de la classe : auto = déduit des images marquées (0 aucune, 1 une image, 3 plus du tiers de la classe, sinon 2) ; ou fixé à la main</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Shows (key)</source>
        <translation>Présente (touche)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class score</source>
        <translation>Score de la classe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{variation} (key {key}): {help}</source>
        <translation>{variation} (touche {key}) : {help}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Images of the class flagged with this variation</source>
        <translation>Images de la classe marquées de cette variation</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sum of the 11 class scores (§4.1 of the paper, Table 3 &apos;Overall&apos;)</source>
        <translation>Somme des 11 scores de la classe (§4.1 de l&apos;article, colonne « Overall » du tableau 3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Class scores (Gominski et al. 2019, §2.2), counted over the images of the class: 0 none · 1 one image · 2 several · 3 more than a third. &lt;i&gt;auto&lt;/i&gt; follows the ticks; choose a value to override it. Hover a variation for what it means.</source>
        <translation>Scores de la classe (Gominski et al. 2019, §2.2), comptés sur les images de la classe : 0 aucune · 1 une image · 2 plusieurs · 3 plus du tiers. &lt;i&gt;auto&lt;/i&gt; suit les cases cochées ; choisissez une valeur pour le remplacer. Survolez une variation pour voir sa signification.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose the class&apos;s reference first: the scores count the images that vary from it</source>
        <translation>Choisissez d&apos;abord la référence de la classe : les scores comptent les images qui s&apos;en écartent</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>auto: {derived} — {meaning}</source>
        <translation>auto : {derived} — {meaning}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;b&gt;Overall difficulty: {overall}&lt;/b&gt; (of {maximum})</source>
        <translation>&lt;b&gt;Difficulté globale : {overall}&lt;/b&gt; (sur {maximum})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — {overridden} score(s) set by hand</source>
        <translation> — {overridden} score(s) fixé(s) à la main</translation>
    </message>
</context>
<context>
    <name>Variations</name>
    <message>
        <location filename="../../heritage_explorer/gui/vocabulary.py" line="-94"/>
        <source>Scale</source>
        <translation>Échelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Illumination</source>
        <translation>Éclairage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Color</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Domain representation</source>
        <translation>Domaine de représentation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occlusion</source>
        <translation>Occultation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Positioning</source>
        <translation>Positionnement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clutter</source>
        <translation>Encombrement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undistinctiveness</source>
        <translation>Indistinction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alterations</source>
        <translation>Altérations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time changes</source>
        <translation>Évolutions temporelles</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sc.</source>
        <translation>Éch.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Il.</source>
        <translation>Écl.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Or.</source>
        <translation>Or.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Co.</source>
        <translation>Coul.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do.</source>
        <translation>Dom.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oc.</source>
        <translation>Occ.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Po.</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cl.</source>
        <translation>Enc.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Un.</source>
        <translation>Ind.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Al.</source>
        <translation>Alt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ti.</source>
        <translation>Évol.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>anecdotal (one image or fewer)</source>
        <translation>anecdotique (une image ou moins)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>multiple images</source>
        <translation>plusieurs images</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predominant (&gt; 1/3 of the class)</source>
        <translation>prédominante (&gt; 1/3 de la classe)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Overall difficulty</source>
        <translation>Difficulté globale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1st</source>
        <translation>1re</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2nd</source>
        <translation>2e</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3rd</source>
        <translation>3e</translation>
    </message>
</context>
<context>
    <name>WindowState</name>
    <message>
        <location filename="../../heritage_explorer/gui/window_state.py" line="+53"/>
        <source>{folder} is not a project. Create a project first (File ▸ New project…), then drop the folder again to import its images.</source>
        <translation>{folder} n&apos;est pas un projet. Créez d&apos;abord un projet (Fichier ▸ Nouveau projet…), puis déposez de nouveau le dossier pour importer ses images.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New project…</source>
        <translation>Nouveau projet…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{path}: no project here. Create one with File ▸ New project… (Ctrl+N), then add images with File ▸ Import folder… (Ctrl+I).</source>
        <translation>{path} : aucun projet ici. Créez-en un avec Fichier ▸ Nouveau projet… (Ctrl+N), puis ajoutez des images avec Fichier ▸ Importer un dossier… (Ctrl+I).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a project here</source>
        <translation>Créer un projet ici</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: no project here</source>
        <translation>{path} : aucun projet ici</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <location filename="../../heritage_explorer/gui/workers.py" line="+106"/>
        <source>{name}: unexpected error ({error_type}: {exc})</source>
        <translation>{name} : erreur inattendue ({error_type} : {exc})</translation>
    </message>
</context>
</TS>
