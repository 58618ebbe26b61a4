namespace Encore.Domain;

/// <summary>
/// Everything a member of staff may be allowed to do or see, each held by the roles <see cref="Capabilities"/>
/// names. Endpoints, pages, the menu and home tiles, the live board's groups and what a page hands its script
/// all ask by capability, never by role, so a change of who may do what is one line in the table.
/// </summary>
public enum Capability
{
    // The host desk and the room board (SPEC.md "Rooms and the room board", "Bookings").
    /// <summary>Take bookings: for oneself (bookers) or for a named booker (the desk).</summary>
    Book,
    /// <summary>Be a booking's booker and keep a customer book: the staff who bring their own guests.</summary>
    KeepCustomers,
    /// <summary>Work the host desk: assign, verify arrival, open, transfer, release, out of service, book or cancel for others.</summary>
    WorkDesk,
    /// <summary>Override a booking rule, always with a reason.</summary>
    OverrideRules,
    /// <summary>Close a room's bill.</summary>
    CloseBills,
    /// <summary>Enter a session's spend by hand or import the POS file.</summary>
    EnterSpend,
    /// <summary>See every booking of the venue (others see their own).</summary>
    SeeAllBookings,
    /// <summary>The desk's view of phones: in full on tonight's open bookings only (Bookings/BookingView.cs SeesPhone); the owner and the floor see them by the customer rules.</summary>
    SeeBookingPhones,
    /// <summary>Create rooms and edit the catalogue.</summary>
    ManageRooms,

    // Rotation, approvals and performance.
    /// <summary>See the walk-in rotation's history and replay.</summary>
    SeeRotationHistory,
    /// <summary>Replay a past night of the rotation on its page (managers read the history only for their own place).</summary>
    ReplayRotation,
    /// <summary>Mark oneself busy in the walk-in rotation (a manager with guests).</summary>
    JoinRotation,
    /// <summary>Ask for a discount or comps beyond one's authority.</summary>
    RequestApprovals,
    /// <summary>Ask for any open room, not only one's own guests'.</summary>
    RequestForAnyRoom,
    /// <summary>See every approval request of the venue.</summary>
    SeeAllApprovals,
    /// <summary>Grant or deny approvals (and hear them live).</summary>
    DecideApprovals,
    /// <summary>Earn on a daily performance card (managers and promoters).</summary>
    EarnOnCard,
    /// <summary>Read anyone's performance card (a department head reads their department's: <see cref="SeeDepartment"/>).</summary>
    SeeAllCards,
    /// <summary>Set monthly targets and decide card disputes.</summary>
    ManagePerformance,

    // Attendance and discipline.
    /// <summary>The attendance desk: tonight's sheet of everybody.</summary>
    SeeAttendance,
    /// <summary>Send post pings.</summary>
    SendPings,
    /// <summary>See every ping of the venue, not only one's own and those one sent.</summary>
    SeeAllPings,
    /// <summary>Raise, confirm and decide violations, decide leave, sign someone in on their behalf.</summary>
    Discipline,
    /// <summary>Read anyone's monthly statement.</summary>
    SeeAllStatements,
    /// <summary>Follow one's own department: its statements, violations and performance cards.</summary>
    SeeDepartment,
    /// <summary>Decide appeals against fines a floor manager raised (the role above the floor).</summary>
    OverruleFloor,
    /// <summary>Edit the violation types and their fines.</summary>
    ManageViolationTypes,
    /// <summary>Call meetings (pre-shift, post-shift, weekly, monthly) and write their minutes and actions; a department head's meeting is their team's.</summary>
    RunMeetings,

    /// <summary>Commend someone (表扬) for a night, adding ranking points (a department head: their own department's people).</summary>
    Commend,
    // The night's paperwork (SPEC.md "Daily work diary", "Diary, meetings, checklists, shift handover").
    /// <summary>Owe a work diary each night on duty, and weekly and monthly work reports (customer managers).</summary>
    KeepDiary,
    /// <summary>Write the shift handover (交接班) and acknowledge the one handed to one's shift: the desk and the floor.</summary>
    HandOverShifts,
    /// <summary>Open the diary pages: those who keep a diary and those who read them.</summary>
    OpenDiaries,
    /// <summary>Read and comment on anyone's diary and work reports (a department head: their department's, by <see cref="SeeDepartment"/>).</summary>
    ReadAllDiaries,

    // Customer files.
    /// <summary>Open the customer pages (keepers and the GM).</summary>
    SeeCustomers,
    /// <summary>See and act on every customer file of the venue: hand books over, exclusive managers, duplicate flags.</summary>
    ManageAllCustomers,
    /// <summary>See tonight's VIP arrivals and birthdays of every keeper.</summary>
    SeeAllArrivals,
    /// <summary>Follow each night who is under the daily contact minimum and, from the house-rule day, under the month's new-customer quota (a department head: their own department).</summary>
    WatchContacts,
    /// <summary>The coming seven business days' bookings and VIP arrivals.</summary>
    SeeForecast,

    // Complaints and guest service.
    /// <summary>See every complaint of the venue (the floor's board, the desk that takes them); others see those about their own guests or naming them.</summary>
    SeeAllComplaints,
    /// <summary>Acknowledge complaints and record what was done (the complaint's own manager may too).</summary>
    HandleComplaints,
    /// <summary>Resolve complaints and propose fines from them.</summary>
    ResolveComplaints,
    /// <summary>Show a room's guest link and its QR code (the guest rates the service without an account).</summary>
    ShowGuestLinks,
    /// <summary>Edit the venue's working calendar (holidays, make-up working days).</summary>
    EditCalendar,
    // Guest service (SPEC.md "Guest service"): lost property, valuables, stored drinks, erasure.
    /// <summary>The guest-service register: take and hand back valuables, store drinks for any customer, see every stored bottle.</summary>
    KeepGuestRegister,
    /// <summary>Dispose of lost property once its keeping time is over.</summary>
    DisposeLostItems,
    /// <summary>Erase a customer's personal data at the guest's request (SPEC.md "Privacy").</summary>
    EraseCustomers,
    // Checklists (SPEC.md "Diary, meetings, checklists, shift handover"): the floor runs them, the GM edits the templates.
    /// <summary>Run the room inspections and the closing round on the phone, mark a failed item fixed, read the runs.</summary>
    RunChecklists,
    /// <summary>Edit the checklist templates (room inspection, closing round).</summary>
    EditChecklists,
    /// <summary>Answer for the night's closing round: reminded when it is not complete before the cut-off.</summary>
    AnswerForClosingRound,

    // The venue.
    /// <summary>Read the history of the house rules.</summary>
    SeeHouseRulesHistory,
    /// <summary>Edit the house rules.</summary>
    EditHouseRules,
    /// <summary>Manage staff accounts.</summary>
    ManageStaff,
    /// <summary>See whose logins are delayed after failed tries, and lift a delay at once (the person is on the floor, waiting).</summary>
    UnlockLogins,
    /// <summary>Read the audit log.</summary>
    ReadAudit,
    /// <summary>Move the training clock.</summary>
    SetClock,

    // Appraisal (SPEC.md "Appraisal (考核) and training (培训)").
    /// <summary>Open the appraisal page: those appraised (managers, department heads, the floor) and those above them.</summary>
    OpenAppraisals,
    /// <summary>Be appraised against a KPI template of one's role (self-assessment, appeal).</summary>
    BeAppraised,
    /// <summary>Start appraisals and assess, review, publish or decide them as the person's superior (each step checks who is above whom).</summary>
    Appraise,
    /// <summary>Read anyone's appraisal (a department head reads their department's managers').</summary>
    SeeAllAppraisals,
    /// <summary>Edit the KPI templates of the roles (each save a new version).</summary>
    EditAppraisalTemplates,
    // Training (SPEC.md "Appraisal (考核) and training (培训)").
    /// <summary>Plan the year's courses (add, edit before they start, cancel), mark attendance and scores on any course, read everyone's training record and a course's effect.</summary>
    PlanTraining,

    // Reports (SPEC.md "Reports"): the daily and monthly business reports, and the budget they are read against.
    SeeReports,
    SetBudget,
    // Reports (issue 19): the integrity report and the board's replay.
    /// <summary>Open the monthly integrity report (带假房/抢房 signals): a booker their own row only (<see cref="SeeEveryonesIntegrity"/> sees all).</summary>
    SeeIntegrity,
    /// <summary>Read every booker's integrity figures and the bookings behind them.</summary>
    SeeEveryonesIntegrity,
    /// <summary>Replay the room board as it stood at a minute of a past night (a dispute over a room).</summary>
    ReplayBoard,

    // Market development (SPEC.md "Market development (拓展部) and corporate accounts (协议单位)").
    /// <summary>Work corporate accounts: file leads, log activities, move them through the pipeline, propose contracts, keep research notes.</summary>
    WorkAccounts,
    /// <summary>See and act on every account of the venue (contact phones unmasked, any owner's pipeline, everyone's KPI figures).</summary>
    ManageAllAccounts,
    /// <summary>Approve (or decline) a contract whose discount is above its author's authority.</summary>
    ApproveContracts,
    /// <summary>Read an account's monthly statement of charged bills (the owner and the floor their accounts', the cashier every one).</summary>
    ReadAccountStatements,
    /// <summary>Record a payment against an account's charged bills (挂账回款), and read every account's statement.</summary>
    RecordAccountPayments,
    /// <summary>File partners (hotels, travel agencies, drivers), set their commission rate, retire them.</summary>
    ManagePartners,
    /// <summary>Read the partners' monthly commissions and statements (the referred spend behind each).</summary>
    ReadPartnerStatements,

    // The chain (SPEC.md "Chain").
    /// <summary>Open venues, set their regions, give the chain roles and the regional managers' venues, move staff between venues.</summary>
    ManageChain,
    /// <summary>Compare venues: the chain summary of every venue one oversees (all for the chain admin, a region's for its manager).</summary>
    SeeChain,
}

/// <summary>The table: which roles hold each capability. The GM holds most, never by accident: each row says so.</summary>
public static class Capabilities
{
    private static readonly string[] Everyone = [.. Roles.All];
    private static readonly string[] Desk = [Roles.Host, Roles.HostSupervisor, Roles.Gm];
    private static readonly string[] Floor = [Roles.FloorManager, Roles.Gm];
    private static readonly string[] Keepers = [Roles.Manager, Roles.Promoter, Roles.DepartmentHead, Roles.FloorManager];

    public static readonly IReadOnlyDictionary<Capability, IReadOnlyList<string>> Table = new Dictionary<Capability, IReadOnlyList<string>>
    {
        [Capability.Book] = [.. Keepers, .. Desk],
        [Capability.KeepCustomers] = Keepers,
        [Capability.WorkDesk] = Desk,
        [Capability.OverrideRules] = [Roles.Gm, Roles.HostSupervisor],
        [Capability.CloseBills] = [Roles.Host, Roles.HostSupervisor, Roles.Cashier, Roles.Gm],
        [Capability.EnterSpend] = [Roles.Cashier, Roles.Gm, Roles.HostSupervisor],
        [Capability.SeeAllBookings] = [Roles.Gm, Roles.FloorManager, Roles.DepartmentHead, Roles.Host, Roles.HostSupervisor, Roles.Cashier],
        [Capability.SeeBookingPhones] = [Roles.Host, Roles.HostSupervisor, Roles.FloorManager, Roles.Gm],
        [Capability.ManageRooms] = [Roles.Gm],

        [Capability.SeeRotationHistory] = [Roles.Gm, Roles.FloorManager, Roles.DepartmentHead, Roles.Host, Roles.HostSupervisor, Roles.Manager],
        [Capability.ReplayRotation] = [Roles.Gm, Roles.FloorManager, Roles.DepartmentHead, Roles.Host, Roles.HostSupervisor],
        [Capability.JoinRotation] = [Roles.Manager],
        [Capability.RequestApprovals] = Everyone,
        [Capability.RequestForAnyRoom] = [Roles.Host, Roles.HostSupervisor, Roles.Cashier, Roles.FloorManager, Roles.Gm],
        [Capability.SeeAllApprovals] = [Roles.Host, Roles.HostSupervisor, Roles.Cashier, Roles.FloorManager, Roles.Gm],
        [Capability.DecideApprovals] = Floor,
        [Capability.EarnOnCard] = [Roles.Manager, Roles.Promoter],
        [Capability.SeeAllCards] = Floor,
        [Capability.ManagePerformance] = Floor,

        [Capability.SeeAttendance] = [Roles.FloorManager, Roles.Gm, Roles.DepartmentHead],
        [Capability.SendPings] = [Roles.FloorManager, Roles.Gm, Roles.DepartmentHead],
        [Capability.SeeAllPings] = [Roles.Gm],
        [Capability.Discipline] = Floor,
        [Capability.SeeAllStatements] = Floor,
        [Capability.SeeDepartment] = [Roles.DepartmentHead],
        [Capability.OverruleFloor] = [Roles.Gm],
        [Capability.ManageViolationTypes] = [Roles.Gm],
        [Capability.KeepDiary] = [Roles.Manager],
        [Capability.ReadAllDiaries] = Floor,
        [Capability.HandOverShifts] = [Roles.Host, Roles.HostSupervisor, .. Floor],
        [Capability.OpenDiaries] = [Roles.Manager, Roles.DepartmentHead, .. Floor],
        [Capability.RunMeetings] = [Roles.FloorManager, Roles.DepartmentHead, Roles.Gm],
        [Capability.Commend] = [Roles.Gm, Roles.FloorManager, Roles.DepartmentHead],

        [Capability.SeeCustomers] = [.. Keepers, Roles.Gm],
        [Capability.ManageAllCustomers] = Floor,
        [Capability.SeeAllArrivals] = [Roles.FloorManager, .. Desk],
        [Capability.WatchContacts] = [Roles.FloorManager, Roles.Gm, Roles.DepartmentHead],
        [Capability.SeeForecast] = Floor,

        [Capability.KeepGuestRegister] = [Roles.Host, Roles.HostSupervisor, Roles.FloorManager, Roles.Gm],
        [Capability.DisposeLostItems] = Floor,
        [Capability.EraseCustomers] = [Roles.Gm],
        // The floor walks the rooms and the closing round; the host supervisor stands in for the floor at the desk.
        [Capability.RunChecklists] = [Roles.FloorManager, Roles.HostSupervisor, Roles.Gm],
        [Capability.EditChecklists] = [Roles.Gm],
        [Capability.AnswerForClosingRound] = [Roles.FloorManager],

        [Capability.SeeHouseRulesHistory] = Floor,
        [Capability.SeeAllComplaints] = [Roles.Gm, Roles.FloorManager, Roles.Host, Roles.HostSupervisor],
        [Capability.HandleComplaints] = [Roles.Gm, Roles.FloorManager, Roles.DepartmentHead, Roles.HostSupervisor],
        [Capability.ResolveComplaints] = Floor,
        [Capability.ShowGuestLinks] = [Roles.Host, Roles.HostSupervisor, Roles.FloorManager, Roles.Gm],
        [Capability.EditCalendar] = [Roles.Gm],
        [Capability.EditHouseRules] = [Roles.Gm],
        [Capability.ManageStaff] = [Roles.Gm],
        [Capability.UnlockLogins] = Floor,
        [Capability.ReadAudit] = [Roles.Gm],
        [Capability.SetClock] = [Roles.Gm],

        [Capability.OpenAppraisals] = [Roles.Manager, Roles.DepartmentHead, .. Floor],
        [Capability.BeAppraised] = [Roles.Manager, Roles.DepartmentHead, Roles.FloorManager],
        [Capability.Appraise] = [Roles.DepartmentHead, .. Floor],
        [Capability.SeeAllAppraisals] = Floor,
        [Capability.EditAppraisalTemplates] = [Roles.Gm],
        [Capability.PlanTraining] = Floor,
        [Capability.SeeReports] = Floor,
        [Capability.SetBudget] = [Roles.Gm],
        [Capability.SeeIntegrity] = [Roles.Manager, Roles.Promoter, .. Floor],
        [Capability.SeeEveryonesIntegrity] = Floor,
        // The host supervisor settles the desk's disputes over a room with the floor.
        [Capability.ReplayBoard] = [Roles.HostSupervisor, .. Floor],
        // SPEC.md's roles have no market-development (拓展部) post: the people who bring the venue its business — the
        // customer managers and their department heads — work the corporate accounts, with the floor and the GM over
        // them, as over customer files. A venue with a separate team gives its members the manager role.
        [Capability.WorkAccounts] = [Roles.Manager, Roles.DepartmentHead, .. Floor],
        [Capability.ManageAllAccounts] = Floor,
        // The GM's authority bounds every discount (house rules: authority.gm.maxDiscountRate); a contract above its
        // author's own authority waits for the GM, not the floor, since it binds the venue for months.
        [Capability.ApproveContracts] = [Roles.Gm],
        // Charged bills (挂账): the cashier takes the payments, as they take every bill; the owner and the floor read
        // their accounts' statements to chase them.
        [Capability.ReadAccountStatements] = [Roles.Manager, Roles.DepartmentHead, Roles.Cashier, .. Floor],
        [Capability.RecordAccountPayments] = [Roles.Cashier, Roles.Gm],
        // Partners (合作伙伴): the department heads who bring them in and the floor file them and set their rate (the
        // house rule caps it); the cashier pays the commissions, so reads the statements with them.
        [Capability.ManagePartners] = [Roles.DepartmentHead, .. Floor],
        [Capability.ReadPartnerStatements] = [Roles.DepartmentHead, Roles.Cashier, .. Floor],

        // The chain: only the chain roles, never a venue's GM (a GM sees one venue: theirs).
        [Capability.ManageChain] = [Roles.ChainAdmin],
        [Capability.SeeChain] = [Roles.ChainAdmin, Roles.RegionalManager],
    };

    public static IReadOnlyList<string> RolesFor(Capability capability) => Table[capability];

    public static bool Allows(Capability capability, IEnumerable<string> roles) => roles.Any(Table[capability].Contains);

    /// <summary>The capabilities a set of roles holds, e.g. what a page hands its script.</summary>
    public static IReadOnlyList<Capability> Of(IEnumerable<string> roles)
    {
        var held = roles.ToList();
        return Enum.GetValues<Capability>().Where(c => Allows(c, held)).ToList();
    }
}
