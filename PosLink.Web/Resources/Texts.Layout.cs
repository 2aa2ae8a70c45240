namespace PosLink.Web.Resources;

/// <summary>The words of the layout, sign-in and holds; their texts are in Texts.resx (zh-CN) and Texts.en.resx.</summary>
public static partial class L
{
    /// <summary>Who did something, as stored; the background jobs' actor is stored by its Chinese name and read in the reader's language.</summary>
    public static string Person(string? name) => name == PosLink.Domain.Staff.Actor.System.Name ? SystemActor : name ?? "";

    public static string AppTagline => T();
    public static string Menu => T();
    public static string Dashboard => T();
    public static string Holds => T();
    public static string TakeHold => T();
    public static string FindHold => T();
    public static string Admin => T();
    public static string MerchantsAndTerminals => T();
    public static string Staff => T();
    public static string AuditLog => T();
    public static string TwoFactorNeedsAKey => T();
    public static string CreateAKey => T();
    public static string SignInAttacksLastDay => T();
    public static string AccountsUnderAttack(int count) => F(nameof(AccountsUnderAttack), count);
    public static string Jobs => T();
    public static string Gateway => T();
    public static string SignIn => T();
    public static string SignOut => T();
    public static string Email => T();
    public static string Password => T();
    public static string ChangePassword => T();
    public static string RememberMe => T();
    public static string InvalidSignIn => T();
    public static string LockedOut => T();
    public static string TooManyAttempts(int minutes) => F(nameof(TooManyAttempts), minutes);
    public static string AccountDisabled => T();

    public static string Status => T();
    public static string Store => T();
    public static string Terminal => T();
    public static string Amount => T();
    public static string HeldAmount => T();
    public static string CompletedAmount => T();
    public static string MerchantOrderId => T();
    public static string OrderId => T();
    public static string Trace => T();
    public static string AuthorizationCode => T();
    public static string PayCode => T();
    public static string PayMode => T();
    public static string Remark => T();
    public static string TakenAt => T();
    public static string TakenBy => T();
    public static string Search => T();
    public static string SearchHint => T();
    public static string MoreFilters => T();
    public static string FewerFilters => T();
    public static string SortFilterWasNotOne => T();

    public static string SearchWasCut(int max) => F(nameof(SearchWasCut), max);

    public static string FilterDateInvalid(string field, string got) => F(nameof(FilterDateInvalid), field, got);

    public static string FilterAmountInvalid(string field, string got) => F(nameof(FilterAmountInvalid), field, got);

    public static string From => T();
    public static string To => T();
    public static string MinAmount => T();
    public static string MaxAmount => T();
    public static string AllStatuses => T();
    public static string AllStores => T();
    public static string OpenOnly => T();
    public static string NeedsAttention => T();
    public static string Apply => T();
    public static string Reset => T();
    public static string NextPage => T();
    public static string FirstPage => T();
    public static string NoHolds => T();
    public static string Total => T();
    public static string Complete => T();
    public static string Void => T();
    public static string Refresh => T();
    public static string Details => T();
    public static string Cancel => T();
    public static string Confirm => T();
    public static string VoidReason => T();
    public static string CompleteAmountYuan => T();
    public static string Timeline => T();
    public static string Audit => T();
    public static string When => T();
    public static string Who => T();
    public static string What => T();
    public static string Outcome => T();
    public static string Meaning => T();
    public static string SettlementDate => T();
    public static string Estimated => T();
    public static string AmountEstimatedHint => T();
    public static string Completing => T();
    public static string Paid => T();
    public static string Discounts => T();
    public static string Expires => T();
    public static string Age => T();
    public static string Working => T();
    public static string Submit => T();
    public static string Forbidden => T();
    public static string NotFound => T();

    public static string DaysAgo(int days) => days == 0 ? Today : DaysCount(days);

    public static string ExpiresInDays(int days) => days <= 0 ? ExpiresToday : ExpiresInDaysCount(days);
}
