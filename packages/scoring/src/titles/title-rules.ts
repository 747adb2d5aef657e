import type { TFunction, TSeniority } from "../types";

// Keyword tables for classifyTitle. Patterns run on lower-cased, accent-stripped text ("ß" → "ss")
// and are joined into ONE alternation per table, so at any position the FIRST listed pattern that
// matches wins (leftmost-first): longer phrases must come before the shorter words they contain.
// Every pattern is implicitly word-bounded; use (?:…) only — no capturing groups.
// A `null` value consumes the phrase without a label (e.g. "lead gen", "partner" in "Partner Manager").
//
// Decisions for ambiguous titles (also the labelling policy of labelled-titles.ts):
// - Managing Director / Geschäftsführer / PDG / DG / Gérant / Gerente General / Director General /
//   Consejero Delegado / Executive Director → c_level: at the companies in a typical network they are
//   the top executive. Vorstand, board member, chair(man), Aufsichtsrat → c_level too.
// - Founder / co-founder / owner / Inhaber → owner; so are equity partners ("Partner", "Managing
//   Partner", Associé, Socio), Gesellschafter, entrepreneurs, angel investors and the self-employed /
//   freelance (they own their one-person business and buy for it). Plain "Investor" is noise.
// - "Founding Engineer/Designer/AE…" → senior_ic (early employee, not owner). "Associate Partner" → director.
// - General Manager / GM, Chief of Staff, Bereichsleiter, Prokurist → director. AVP → vp.
// - Head of, Leiter/Leitung, Abteilungsleiter, Jefe de <dept>, Chef de service → head.
//   Teamleiter, Projektleiter, Team Lead, plain "Lead"/"Leader", Responsable, Gerente, Chef de projet → manager.
// - Tech Lead / Lead <engineer|developer|designer…> / Chief Architect → senior_ic.
// - Account Manager, Key Account Manager, Customer Success Manager (CSM), AM → ic sales (quota carriers).
//   Junior/Associate … Manager → ic. Product Manager → manager; Product Owner → ic.
// - HR Business Partner / People Partner → senior_ic; Talent (Acquisition) Partner → ic (a recruiter).
// - Standalone Advisor / Board Advisor → senior_ic consulting (not an executive). Assistant/EA/PA to
//   the CEO (Assistenz der Geschäftsführung…) → ic operations, never c_level.
// - Functions: customer success & partnerships → sales; RevOps/SalesOps, support, admin, assistants,
//   project management → operations; IT, data, QA, security → engineering; "PM" → product manager;
//   a Partner with no stated domain → consulting; CEO/founder/MD/GM → other (general management).

export type TRule<T> = readonly [pattern: string, value: T];

const EXEC1 =
  "(?:the |la |le |l'|del |de la |der |des )?(?:ceo|cto|cfo|coo|cmo|cro|cpo|c-level|c-suite|president\\w*|co-?founders?|founders?|owners?|board|managing directors?|md|general manager|gm|vorstand\\w*|gesch(?:a|ae)ftsf(?:u|ue)hr\\w*|gesch(?:a|ae)ftsleitung|gerencia|direccion(?: general)?|direction(?: generale)?|pdg|dg|directeur\\w*|directrice|director\\w*|presidencia|inhaber\\w*|executives?)";
const EXECS = `${EXEC1}(?:\\s*(?:&|and|\\+|und|et|y|/)\\s*${EXEC1})*`;
const PREP = "(?:to|of|for|de|du|der|des|del|a)";
const IC_NOUN =
  "(?:software |data |frontend |backend |full[- ]?stack |mobile |ios |android |ux |ui |product |graphic |visual |qa |devops |cloud |ml |machine learning )*(?:engineer|developer|dev|designer|architect|scientist|analyst|researcher|programmer|\\w*entwickler(?:in)?|ingenieur\\w*)";

export const SENIORITY_RULES: readonly TRule<TSeniority | null>[] = [
  // phrases that must win over the words they contain
  [`(?:executive |personal |administrative |private )?(?:assistant|assistente?|assistent(?:in)?|assistenz|assistante|asistente|ea|pa|referent(?:in)?)\\s+${PREP}\\s+${EXECS}`, "ic"],
  ["(?:assistenz|assistent(?:in)?|referent(?:in)?) (?:der |des )?(?:gesch(?:a|ae)ftsf(?:u|ue)hr\\w*|gesch(?:a|ae)ftsleitung|vorstand\\w*)", "ic"],
  ["(?:vorstands|geschaftsfuhrungs|geschaftsleitungs)(?:assistent\\w*|referent\\w*)", "ic"],
  [`chief of staff(?:\\s+${PREP}\\s+${EXECS})?`, "director"],
  ["chief (?:architect|engineer|scientist|designer)", "senior_ic"],
  ["(?:hr |human resources )?business partner|hrbp|people partner", "senior_ic"],
  ["(?:talent(?: acquisition)?|recruiting|recruitment) partner", "ic"],
  ["(?:channel|technology|alliance|implementation|solutions?|strategic|sales|customer|client|delivery) partner(?:ships?)?", null],
  ["partner(?:ships?)?(?= (?:manager|lead|director|success|marketing|sales|account|development|program|ecosystem|relations|operations|enablement|executive|specialist))", null],
  ["partnerships?", null],
  ["associate partner", "director"],
  ["(?:(?:managing|senior|equity|general|founding|name|venture) )?partner(?:in)?|soci[oa](?: (?:fundador|director|gerente)a?)?|associee?", "owner"],
  ["(?:product|process|service|data|system|budget|risk|control|content|platform|feature|technical) owner", "ic"],
  ["founding (?!partner|member|team)\\w+", "senior_ic"],
  ["(?:senior|sr\\.?) (?:key )?account manager(?:in)?", "senior_ic"],
  ["(?:(?:key|strategic|global|enterprise|technical|national|regional) )?account manager(?:in)?|customer success manager(?:in)?|csm|kam", "ic"],
  ["(?:junior|associate|jr\\.?) (?:\\w+ ){0,3}\\w*manager(?:in)?", "ic"],
  ["summer (?:analyst|associate|intern)|student assistant", "intern_student"],
  ["(?:research|teaching|graduate) assistant", "ic"],
  ["principal (?:\\w+ ){0,2}(?:manager|pm)", "senior_ic"],
  ["(?:tax|financial|customer|client|sales|mortgage|investment|insurance|wealth) advis[oe]r", "ic"],
  ["tech(?:nical)? lead|lead " + IC_NOUN, "senior_ic"],
  ["lead gen\\w*", null],
  ["angel investor|business angel", "owner"],
  // c-level
  ["(?:co-)?(?:ceo|cto|cfo|coo|cmo|cro|cpo|ciso|cio|chro|cco|cdo|cso|cxo|cgo|cbo|cao|cio)", "c_level"],
  ["chief (?:\\w+ ){0,3}officer|chief executive", "c_level"],
  ["managing director|gesch(?:a|ae)ftsf(?:u|ue)hr\\w*|gesch(?:a|ae)ftsleitung|vorstand\\w*|aufsichtsrat\\w*|verwaltungsrat\\w*", "c_level"],
  ["p-?dg|dg|directeur general|directrice generale|director(?:a)? (?:general|ejecutiv[oa])|consejer[oa] delegad[oa]|gerente general|gerant(?:e)?", "c_level"],
  ["(?:non-executive|non executive|independent|executive) director|board member|member of the board|board of directors|chair(?:man|woman|person)?(?: of the board)?", "c_level"],
  // owner
  ["(?:co-? ?)?(?:founder|fondat(?:eur|rice)|fundador(?:a)?|grunder(?:in)?|gruender(?:in)?)|mitgr(?:u|ue)nder(?:in)?|cofondat(?:eur|rice)|cofundador(?:a)?|chef d'entreprise", "owner"],
  ["(?:co-?|business )?owner|inhaber(?:in)?|eigent(?:u|ue)mer(?:in)?|proprietaire|propietari[oa]|duen[oa]|gesellschafter(?:in)?|proprietor|managing member", "owner"],
  ["entrepreneur|entrepreneuse|auto-entrepreneur|unternehmer(?:in)?|emprendedor(?:a)?|solopreneur", "owner"],
  ["freelanc\\w*|freiberuf\\w*|selbst\\w*ndig\\w*|self[- ]employed|independent|independiente|independant(?:e)?|autonom[oa]|sole trader", "owner"],
  ["md", "c_level"],
  ["president(?:e|in)?|prasident(?:in)?", "c_level"],
  // vp
  ["(?:senior |executive |group |assistant |regional )?vice[- ]president(?:e|a|in)?|vicepresident(?:e|a)?|vizeprasident(?:in)?|[sea]?vp", "vp"],
  // director
  ["bereichsleit(?:er|erin|ung)|hauptabteilungsleiter(?:in)?|prokurist(?:in)?|general manager|gm|drh|daf|dsi|dircom|dir\\.?", "director"],
  ["director(?:a|in)?|directeur|directrice|direktor(?:in)?|direttore", "director"],
  // head vs manager in compounds: specific forms first
  ["(?:team|gruppen|projekt|schicht|filial|markt|bau|kolonnen)leit(?:er|erin|ung)", "manager"],
  ["abteilungsleit(?:er|erin|ung)|\\w*(?<!halb|beg)leit(?:er|erin|ung)", "head"],
  ["jef[ea] de (?:proyectos?|equipo|obra|turno|grupo|producto)", "manager"],
  ["jef[ea]", "head"],
  ["chef d'equipe|chef de (?:projets?|produit|rayon|chantier|mission|groupe|secteur)", "manager"],
  ["chef de (?:service|departement|division|pole)|heads?(?: of)?", "head"],
  ["pm", "manager"],
  ["\\w*manager(?:in)?|mgr|gerente|supervisor(?:a)?|superviseur|team ?lead(?:er)?|group lead|squad lead|chapter lead|responsable|encargad[oa]|vorarbeiter(?:in)?|lead|leader", "manager"],
  // senior ICs
  ["staff (?:software |data |ml |machine learning |product |research )?(?:engineer|developer|scientist|designer|architect)", "senior_ic"],
  ["senior|sr\\.?|snr|principal|distinguished|fellow|architect|\\w*architekt(?:in)?|arquitect[oa]|expert(?:e|in)?|confirme(?:e)?", "senior_ic"],
  ["(?:board |strategic |startup |independent )?advis[oe]r|professor(?:in)?|professeur|profesor(?:a)?", "senior_ic"],
  // students & interns (override IC levels of the same segment)
  ["intern(?:ship)?|werkstudent(?:in)?|working student|praktikant(?:in)?|praktikum|trainee|apprentice(?:ship)?|apprenti(?:e)?|azubi|auszubildende[r]?|ausbildung|stagiaire|alternan(?:t|te|ce)|etudiant(?:e)?|estudiante|\\w*student(?:in)?|becari[oa]|practicas|practicante|phd candidate|doktorand(?:in)?|doctorant(?:e)?|doctorando|mba candidate|undergrad\\w*|studentische hilfskraft|hilfskraft", "intern_student"],
  // individual contributors
  ["junior|jr\\.?|associate|ae|sdr|bdr|rep|representative|executive|ejecutiv[oa]|officer|agent|agente|specialist|spezialist(?:in)?|specialiste|especialista|coordinat\\w*|coordinador(?:a)?|koordinator(?:in)?|generalist|strategist", "ic"],
  ["\\w*engineer|developer|dev|\\w*entwickler(?:in)?|\\w*ingen(?:ieur|ieure|iero|iera)\\w*|developpeu(?:r|se)|desarrollador(?:a)?|programmer|programmierer(?:in)?|programador(?:a)?|tester|sre|swe|scrum master", "ic"],
  ["\\w*designer(?:in)?|disenador(?:a)?|graphiste|grafiker(?:in)?|illustrat\\w*|analyst\\w*|analista|analyste|scientist|researcher|\\w*writer|journalist\\w*|editor|redakteur(?:in)?|marketer|marketeer", "ic"],
  ["consultant\\w*|consultor(?:a)?|\\w*berater(?:in)?|assistant|assistent(?:in)?|assistenz|assistante|asistente|secretary|receptionist|administrator|\\w*referent(?:in)?|sachbearbeiter(?:in)?|\\w*mitarbeiter(?:in)?|\\w*kauf(?:mann|frau)|charge(?:e)? d(?:e|')|commercial(?:e)?|comercial", "ic"],
  ["vendedor(?:a)?|verkaufer(?:in)?|accountant|comptable|contable|contador(?:a)?|buchhalter(?:in)?|controll?er|controleur\\w*|recruiter(?:in)?|reclutador(?:a)?|recruteu(?:r|se)|sourcer|headhunter|banker|auditor|technician|technicien(?:ne)?|tecnic[oa]|techniker(?:in)?", "ic"],
  ["teacher|lehrer(?:in)?|nurse|lawyer|attorney|counsel|\\w*anwalt\\w*|avocat(?:e)?|abogad[oa]|physician|doctor|arzt|arztin|medecin|medico|coach|photographer|paralegal|pharmacist|dentist|therapist|psychologist|bookkeeper|wirtschaftsprufer(?:in)?", "ic"],
];

export type TFnValue = readonly [fn: TFunction, weak: boolean] | null;
const S = (fn: TFunction): TFnValue => [fn, false];
const W = (fn: TFunction): TFnValue => [fn, true];

export const FUNCTION_RULES: readonly TRule<TFnValue>[] = [
  // phrases first
  ["product marketing|produktmarketing|produit marketing", S("marketing")],
  ["(?:research|teaching|student|graduate) assistant|assistant(?= (?:director|manager|vice|professor|head|general))", null],
  ["(?:product|brand) design\\w*|produktdesign\\w*", S("design")],
  ["design engineer\\w*|konstrukteur\\w*|product engineer\\w*", S("engineering")],
  ["employer branding|executive search|tech(?:nical)? recruit\\w*|it recruit\\w*", S("hr_recruiting")],
  ["lead gen\\w*|demand gen\\w*", S("marketing")],
  ["sales engineer\\w*|solutions? engineer\\w*|solutions? consultant|pre-?sales|vertriebsingenieur\\w*|ingenieure? (?:commercial|d'affaires|technico-commercial)", S("sales")],
  ["customer success\\w*|csm|kundenberater\\w*|charge(?:e)? de clientele|real estate agent|realtor|insurance agent", S("sales")],
  ["support engineer\\w*|it[- ]support|technical support|help ?desk|(?:systems?|network|database|cloud|linux|windows) admin\\w*|sysadmin", S("engineering")],
  ["revops|rev ops|salesops|sales ops|(?:sales|revenue|marketing|business|commercial) operations|bizops", S("operations")],
  ["devops|dev ops|devsecops|secops|mlops", S("engineering")],
  ["people (?:ops|operations|partner|team|and culture|& culture)|hr business partner|hrbp|business partner", S("hr_recruiting")],
  ["chief of staff|customer (?:service|support|care|experience|operations)|kundenservice|kundendienst|service client\\w*|atencion al cliente|support", S("operations")],
  ["(?:software|solutions?|cloud|enterprise|data|system|technical|security|infrastructure|network|chief) architect\\w*", S("engineering")],
  ["data protection|datenschutz|salesforce", null],
  ["partner(?:ships?)?(?= (?:manager|lead|director|success|marketing|sales|account|development|program|ecosystem|relations|operations|enablement|executive|specialist))|partnerships?|channel|alliances?", S("sales")],
  ["(?:leiter(?:in)?|leitung|head of|abteilung) personal|personal(?=\\s*$)", S("hr_recruiting")],
  ["engagement manager", W("consulting")],
  // chief officers
  ["cto|cio|ciso|chief (?:technology|technical|information|information security|security|data) officer", S("engineering")],
  ["cfo|chief financ\\w* officer", S("finance")],
  ["coo|chief operati\\w* officer", S("operations")],
  ["cmo|cgo|chief (?:marketing|growth|brand) officer", S("marketing")],
  ["cro|cco|chief (?:revenue|commercial|sales|customer) officer", S("sales")],
  ["chro|chief (?:people|human resources?|talent) officer", S("hr_recruiting")],
  ["cpo|chief product officer", S("product")],
  ["ceo|chief executive\\w*|chief (?:\\w+ ){0,3}officer", null],
  // hr & recruiting (before engineering: "Personalentwicklung" is HR)
  ["hr|human resources?|personal\\w+|people|talent\\w*|\\w*recruit\\w*|recrutement|recruteu\\w*|reclut\\w*|sourcer|headhunt\\w*|rrhh|rh|drh|ressources humaines|recursos humanos|seleccion|learning (?:&|and) development|l&d", S("hr_recruiting")],
  // sales
  ["sales|salesperson|saleswoman|salesman|\\w*vertrieb\\w*|verkauf\\w*|\\w*verkaufer\\w*|ventas?|vendedor\\w*|vendeu(?:r|se)|ventes?|commercial\\w*|comercial\\w*", S("sales")],
  ["business develop\\w*|bizdev|biz dev|geschaftsentwickl\\w*|desarrollo de negocio\\w*|developpement commercial|sdr|bdr|ae|account (?:executive|manager\\w*|management|director|exec)|ejecutiv[oa] de cuentas|cuentas clave|d'affaires|key account\\w*|kam|inside sales|revenue|\\w*aussendienst\\w*|innendienst\\w*|makler\\w*|akquise|seguros|versicherung\\w*", S("sales")],
  // marketing
  ["\\w*marketing\\w*|marketer|marketeer|mercadotecnia|mercadeo|growth|brand\\w*|seo|sem|ppc|content|social media|community|communications?|kommunikation|comunicacion|pr|public relations|relations presse|offentlichkeitsarbeit|advertising|werbung|publicite|publicidad|copywrit\\w*|mktg|events?|evenementiel|redakteur\\w*|redaktion|storytelling", S("marketing")],
  // product ("production" is operations)
  ["products?|produkt(?:manager\\w*|management|owner\\w*)?|producto|produit|po|pm|apm|gpm", S("product")],
  // finance
  ["\\w*financ\\w*|\\w*finanz\\w*|accounting|accountant\\w*|\\w*buchhalt\\w*|comptab\\w*|contab\\w*|contador\\w*|controll\\w*|controle de gestion|controleur\\w*|treasur\\w*|tresor\\w*|tax|steuer\\w*|fiscal\\w*|audit\\w*|fp&a|invest(?:ment\\w*|ing)|angel investor|business angel|venture capital|private equity|banking|banker|bank\\w*|kredit\\w*|credit|payroll|accounts (?:payable|receivable)|actuar\\w*|daf|bookkeep\\w*|wirtschaftsprufer\\w*", S("finance")],
  // operations
  ["operations?|operativ\\w*|operacion\\w*|ops|betrieb\\w*|logisti\\w*|supply chain|procurement|purchasing|einkauf\\w*|achats?|compras|buyer|facilit\\w*|office manager|office administrator|quality|qualitat\\w*|qualite|calidad|production|produktion|produccion|manufacturing|fertigung|plant|warehouse|lager\\w*|fulfil\\w*|\\w*buro\\w*", S("operations")],
  // engineering
  ["\\w*engineer\\w*|\\w*ingen(?:ieur|ieure|iero|iera|ieria)\\w*|developer|develop(?:ment)?|dev|developpe\\w*|desarroll\\w*|\\w*entwickl\\w*|programm\\w*|programad\\w*|\\w*software\\w*|\\w*informati\\w*|computer science|swe|eng|technolog\\w*|tecnolog\\w*|qa|quality assurance|test\\w*|sre|site reliability", S("engineering")],
  ["cloud|infrastructure|backend|back-end|frontend|front-end|full[- ]?stack|mobile|ios|android|machine learning|ml|ai|artificial intelligence|deep learning|data\\w*|datos|security|cyber\\w*|infosec|networks?|systems?|electrical|mechanical|maschinenbau|elektro\\w*|hardware|firmware|embedded|scrum master|agile coach|r&d|forschung", S("engineering")],
  ["tech|technical|technique|technik|tecnic[oa]", W("engineering")],
  // design
  ["design\\w*|\\w*designer\\w*|ux|ui|user experience|user interface|user research\\w*|graphi\\w*|grafi\\w*|disen\\w*|\\w*gestalt\\w*|illustrat\\w*|motion|art director|creative director|creative|kreativ\\w*|visual", S("design")],
  // explicitly "other" (legal, medical, education)
  ["legal|counsel|lawyer|attorney|\\w*anwalt\\w*|avocat\\w*|abogad\\w*|jurist\\w*|notar\\w*|physician|doctor|nurse|teacher|lehrer\\w*|professor\\w*|profesor\\w*|professeur|paralegal|pharmac\\w*", S("other")],
  // weak: only used when nothing stronger is stated
  ["consult\\w*|\\w*berat\\w*|conseil|advis[oe]r\\w*|advisory|strateg\\w*|(?:(?:managing|senior|equity|general|founding) )?partner(?:in)?|soci[oa]|associee?", W("consulting")],
  ["project\\w*|projekt\\w*|projet\\w*|proyecto\\w*|program(?:me)? manag\\w*|pmo|delivery|office|assistant\\w*|assistent\\w*|assistenz\\w*|assistante|asistente|secretar\\w*|sekretar\\w*|receptionist|empfang\\w*|administrat\\w*|verwaltung\\w*|admin", W("operations")],
];
