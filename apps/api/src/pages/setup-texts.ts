import { Language } from '@kierto/network';

/**
 * Texts of the guided setup of a new series (apps/api/src/settings/setup.controller.ts), used
 * together with the settings texts (field labels and errors). Finnish first; plain language.
 */
const fi = {
  createSeries: 'Luo uusi kiertävä kokous',
  createSeriesHelp: 'Kierto opastaa vaihe vaiheelta. Jokainen vaihe tallentuu, joten voit jatkaa myöhemmin.',
  continueSetup: 'Jatka käyttöönottoa',
  inSetup: 'Käyttöönotto on kesken. Kokouksia ei ehdoteta ennen kuin aloitat kierron.',
  setupTitle: 'Uusi kiertävä kokous',
  stepOf: 'Vaihe',
  of: '/',
  stepsLabel: 'Käyttöönoton vaiheet',
  step_basics: 'Perustiedot',
  step_units: 'Yksiköt',
  step_people: 'Ihmiset',
  step_topics: 'Vakioaiheet',
  step_public: 'Julkinen linkki',
  step_start: 'Aloita kierto',
  stepDone: 'valmis',
  stepCurrent: 'tämä vaihe',
  basicsIntro:
    'Anna kokoukselle nimi ja kerro, kuinka usein ja minä päivänä se pidetään. Voit muuttaa näitä myöhemmin asetuksista.',
  saveAndContinue: 'Tallenna ja jatka',
  saved: 'Tallennettu.',
  next: 'Seuraava vaihe',
  back: 'Edellinen vaihe',
  later: 'Jatka myöhemmin (etusivulle)',
  unitsIntro:
    'Lisää yksiköt siinä järjestyksessä, jossa ne isännöivät kokousta. Ensimmäinen yksikkö isännöi ensimmäisen kokouksen.',
  pickUnit: 'Valitse yksikkö, jonka kanssa jo työskentelet',
  needUnit: 'Lisää vähintään yksi yksikkö ennen kuin jatkat.',
  peopleIntro:
    'Lisää kokoukseen kutsuttavat ihmiset: henkilöstö, palvelun käyttäjät ja vieraat. Voit lisätä heitä yksi kerrallaan tai tuoda taulukosta.',
  importPeople: 'Tuo ihmiset taulukosta (CSV tai Excel)',
  importHint: 'Tuonnin jälkeen palaa tähän: käyttöönotto jatkuu samasta kohdasta.',
  peopleLater: 'Voit lisätä ihmisiä myös myöhemmin.',
  topicsIntroSetup:
    'Vakioaiheet ovat jokaisen kokouksen esityslistalla. Tässä on ehdotuksia: muuta, poista tai lisää omia.',
  removeTopic: 'Poista aihe',
  publicIntro:
    'Kuka tahansa voi ehdottaa aihetta tällä linkillä ilman kirjautumista. Tulostettava ilmoitus (QR-koodi) sopii odotustilan ilmoitustaululle.',
  proposalLink: 'Linkki aiheen ehdottamiseen',
  noticeLink: 'Tulostettava ilmoitus',
  publicFeedback: 'Ilmoitus on julkinen: kuka tahansa linkin saanut voi avata sen',
  publicFeedbackHint:
    'Ilmoituksessa näkyy, mitä palvelun käyttäjien ehdotuksille on tehty. Jos tätä ei valita, sen näkevät vain sarjan koordinaattorit ja henkilöstö.',
  startIntro: 'Tarkista yhteenveto. Kun aloitat kierron:',
  startWhat1: 'Kierto ehdottaa heti ensimmäisen kokouksen: päivän ja isännöivän yksikön.',
  startWhat2: 'Saat ehdotuksesta sähköpostin. Vahvista se kokouksen sivulla.',
  startWhat3: 'Kutsut lähtevät vasta, kun vahvistat kokouksen. Ennen sitä kukaan ei saa viestiä.',
  summaryName: 'Nimi',
  summaryWhen: 'Milloin',
  summaryUnits: 'Yksiköt vuorojärjestyksessä',
  summaryPeople: 'Ihmisiä',
  summaryTopics: 'Vakioaiheet',
  startButton: 'Aloita kierto',
  startNeedsUnit: 'Kierto tarvitsee vähintään yhden yksikön. Lisää yksikkö vaiheessa 2.',
  suggestedTopics: [
    { title: 'Seulakäytännöt', description: 'Miten seulat tehdään eri yksiköissä.' },
    { title: 'Lomaoikeudet', description: 'Lomat ja lääkkeiden ennakkoon ottaminen.' },
    { title: 'Jonotus lääkkeenjakoon', description: 'Jonotusajat ja niiden lyhentäminen.' },
  ],
};

export type SetupTexts = typeof fi;

const sv: SetupTexts = {
  createSeries: 'Skapa ett nytt roterande möte',
  createSeriesHelp: 'Kierto guidar dig steg för steg. Varje steg sparas, så du kan fortsätta senare.',
  continueSetup: 'Fortsätt introduktionen',
  inSetup: 'Introduktionen pågår. Inga möten föreslås förrän du startar rotationen.',
  setupTitle: 'Nytt roterande möte',
  stepOf: 'Steg',
  of: '/',
  stepsLabel: 'Introduktionens steg',
  step_basics: 'Grunduppgifter',
  step_units: 'Enheter',
  step_people: 'Personer',
  step_topics: 'Stående ämnen',
  step_public: 'Offentlig länk',
  step_start: 'Starta rotationen',
  stepDone: 'klart',
  stepCurrent: 'det här steget',
  basicsIntro:
    'Ge mötet ett namn och berätta hur ofta och vilken dag det hålls. Du kan ändra detta senare i inställningarna.',
  saveAndContinue: 'Spara och fortsätt',
  saved: 'Sparat.',
  next: 'Nästa steg',
  back: 'Föregående steg',
  later: 'Fortsätt senare (till startsidan)',
  unitsIntro:
    'Lägg till enheterna i den ordning de står värd för mötet. Den första enheten står värd för det första mötet.',
  pickUnit: 'Välj en enhet som du redan arbetar med',
  needUnit: 'Lägg till minst en enhet innan du fortsätter.',
  peopleIntro:
    'Lägg till personerna som bjuds in: personal, serviceanvändare och gäster. Lägg till en i taget eller importera från en tabell.',
  importPeople: 'Importera personer från en tabell (CSV eller Excel)',
  importHint: 'Kom tillbaka hit efter importen: introduktionen fortsätter där du var.',
  peopleLater: 'Du kan också lägga till personer senare.',
  topicsIntroSetup:
    'Stående ämnen står på varje mötes dagordning. Här är förslag: ändra, ta bort eller lägg till egna.',
  removeTopic: 'Ta bort ämnet',
  publicIntro:
    'Vem som helst kan föreslå ett ämne med den här länken utan att logga in. Meddelandet för utskrift (QR-kod) passar väntrummets anslagstavla.',
  proposalLink: 'Länk för att föreslå ämnen',
  noticeLink: 'Meddelande för utskrift',
  publicFeedback: 'Meddelandet är offentligt: vem som helst med länken kan öppna det',
  publicFeedbackHint:
    'Meddelandet visar vad som gjorts med serviceanvändarnas förslag. Om du inte väljer detta ser bara seriens koordinatorer och personal det.',
  startIntro: 'Kontrollera sammanfattningen. När du startar rotationen:',
  startWhat1: 'Kierto föreslår genast det första mötet: dagen och värdenheten.',
  startWhat2: 'Du får ett e-postmeddelande om förslaget. Bekräfta det på mötets sida.',
  startWhat3: 'Inbjudningarna skickas först när du bekräftar mötet. Innan dess får ingen något meddelande.',
  summaryName: 'Namn',
  summaryWhen: 'När',
  summaryUnits: 'Enheter i turordning',
  summaryPeople: 'Personer',
  summaryTopics: 'Stående ämnen',
  startButton: 'Starta rotationen',
  startNeedsUnit: 'Rotationen behöver minst en enhet. Lägg till en enhet i steg 2.',
  suggestedTopics: [
    { title: 'Provtagningsrutiner', description: 'Hur proven tas på olika enheter.' },
    { title: 'Rätt till ledighet', description: 'Semestrar och att hämta ut läkemedel i förväg.' },
    { title: 'Kö till läkemedelsutdelningen', description: 'Kötider och hur de kan kortas.' },
  ],
};

const en: SetupTexts = {
  createSeries: 'Create a new rotating meeting',
  createSeriesHelp: 'Kierto guides you step by step. Each step is saved, so you can continue later.',
  continueSetup: 'Continue the setup',
  inSetup: 'The setup is not finished. No meeting is proposed until you start the rotation.',
  setupTitle: 'New rotating meeting',
  stepOf: 'Step',
  of: 'of',
  stepsLabel: 'Steps of the setup',
  step_basics: 'Basics',
  step_units: 'Units',
  step_people: 'People',
  step_topics: 'Standing topics',
  step_public: 'Public link',
  step_start: 'Start the rotation',
  stepDone: 'done',
  stepCurrent: 'this step',
  basicsIntro:
    'Give the meeting a name and say how often and on which day it is held. You can change these later in the settings.',
  saveAndContinue: 'Save and continue',
  saved: 'Saved.',
  next: 'Next step',
  back: 'Previous step',
  later: 'Continue later (to the start page)',
  unitsIntro:
    'Add the units in the order in which they host the meeting. The first unit hosts the first meeting.',
  pickUnit: 'Pick a unit you already work with',
  needUnit: 'Add at least one unit before you go on.',
  peopleIntro:
    'Add the people to invite: staff, service users and guests. Add them one by one or import them from a table.',
  importPeople: 'Import people from a table (CSV or Excel)',
  importHint: 'After the import, come back here: the setup goes on where you left it.',
  peopleLater: 'You can add people later too.',
  topicsIntroSetup:
    'Standing topics are on the agenda of every meeting. Here are suggestions: change them, remove them or add your own.',
  removeTopic: 'Remove the topic',
  publicIntro:
    'Anyone can propose a topic with this link without logging in. The printable notice (QR code) suits the notice board of the waiting room.',
  proposalLink: 'Link for proposing topics',
  noticeLink: 'Printable notice',
  publicFeedback: 'The notice is public: anyone with the link can open it',
  publicFeedbackHint:
    "The notice shows what was done with the service users' proposals. If you leave this off, only the series' coordinators and staff see it.",
  startIntro: 'Check the summary. When you start the rotation:',
  startWhat1: 'Kierto proposes the first meeting at once: the day and the host unit.',
  startWhat2: 'You get an email about the proposal. Confirm it on the meeting page.',
  startWhat3: 'The invitations go out only when you confirm the meeting. Until then nobody gets a message.',
  summaryName: 'Name',
  summaryWhen: 'When',
  summaryUnits: 'Units in rotation order',
  summaryPeople: 'People',
  summaryTopics: 'Standing topics',
  startButton: 'Start the rotation',
  startNeedsUnit: 'The rotation needs at least one unit. Add a unit in step 2.',
  suggestedTopics: [
    { title: 'Drug screening practices', description: 'How screening is done in the different units.' },
    { title: 'Leave entitlements', description: 'Holidays and taking medication home in advance.' },
    { title: 'Queueing for medication', description: 'Waiting times and how to shorten them.' },
  ],
};

export const SETUP_TEXTS: Record<Language, SetupTexts> = { fi, sv, en };
