namespace PosLink.Web.Resources;

/// <summary>The words of bulk runs, notifications, the shift handover and deposits; their texts are in Texts.resx and Texts.en.resx.</summary>
public static partial class L
{
    public static string BulkRun => T();
    public static string BulkRunTitle(string kind, long id) => F(nameof(BulkRunTitle), kind, id);
    public static string StartedBy(string name) => F(nameof(StartedBy), name);
    public static string BulkWorking(int done, int count) => F(nameof(BulkWorking), done, count);
    public static string BulkFinished(int count) => F(nameof(BulkFinished), count);
    public static string BulkTotals(string total, string done) => F(nameof(BulkTotals), total, done);
    public static string BulkResult => T();
    public static string StatusNow => T();
    public static string SelectedHolds(int count) => F(nameof(SelectedHolds), count);
    public static string SelectAllMatching(int limit) => F(nameof(SelectAllMatching), limit);
    public static string CompleteInFull => T();
    public static string ClearSelection => T();
    public static string MoreMatchedThanLimit(int limit) => F(nameof(MoreMatchedThanLimit), limit);
    public static string BulkTitle(string kind) => F(nameof(BulkTitle), kind);
    public static string BulkCompleteConfirm(int count, string total) => F(nameof(BulkCompleteConfirm), count, total);
    public static string BulkVoidConfirm(int count, string total) => F(nameof(BulkVoidConfirm), count, total);
    public static string BulkLeftOut(int count) => F(nameof(BulkLeftOut), count);
    public static string BulkRunsInBackground => T();
    public static string SelectPage => T();
    public static string SelectHold => T();
    public static string BulkRuns => T();
    public static string Notifications => T();
    public static string NoNotifications => T();
    public static string NotificationsCount(int count) => F(nameof(NotificationsCount), count);
    public static string NotificationsShown(int shown, int count) => F(nameof(NotificationsShown), shown, count);

    /// <summary>One notification in words: its kind's sentence, with the hold, run, difference or terminal it names.</summary>
    public static string Notification(PosLink.Domain.Notifications.Notification n) => F("Notification." + n.Kind, n.Subject,
        n.AmountFen is { } fen ? PosLink.Domain.Common.Money.Yuan(fen) : "", PosLink.Domain.Time.ChinaTime.ToChina(n.At).ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        n.Done, n.Of);

    public static string Rollover => T();
    public static string PartOfDeposit(long id) => F(nameof(PartOfDeposit), id);
    public static string RollingOver(string order, string amount) => F(nameof(RollingOver), order, amount);
    public static string DepositTitle(long id) => F(nameof(DepositTitle), id);
    public static string DepositHeldNow(string amount, int count) => F(nameof(DepositHeldNow), amount, count);

    public static string Handover => T();
    public static string ShiftFrom => T();
    public static string ShiftTo => T();
    public static string SinceLastHandover => T();
    public static string HandoverReportTitle(string store) => F(nameof(HandoverReportTitle), store);
    public static string ShiftRange(string from, string to) => F(nameof(ShiftRange), from, to);
    public static string Operator => T();
    public static string HandoverTaken => T();
    public static string HandoverCompleted => T();
    public static string HandoverVoided => T();
    public static string HandoverOpenAtEnd => T();
    public static string HandoverOldestOpen => T();
    public static string OpenSinceLastHandover(string count, string amount, string outgoing, string incoming, string at) => F(nameof(OpenSinceLastHandover), count, amount, outgoing, incoming, at);
    public static string NoHandoverBefore => T();
    public static string HandoverSignatures => T();
    public static string PrintedBy(string name, string at) => F(nameof(PrintedBy), name, at);
    public static string Print => T();
    public static string NoIncomingManager => T();
    public static string HandOverTo => T();
    public static string ConfirmHandover => T();
    public static string RecentHandovers => T();
    public static string Shift => T();
    public static string HandedOverBy => T();
    public static string TakenOverBy => T();
    public static string NoStoreToReport => T();
    public static string ShiftTimeInvalid(string got) => F(nameof(ShiftTimeInvalid), got);
    public static string HandedOver(string incoming, string at) => F(nameof(HandedOver), incoming, at);
    public static string CountAndAmount(int count, string amount) => F(nameof(CountAndAmount), count, amount);

    public static string VoidReasonIs(string reason) => F(nameof(VoidReasonIs), reason);
    public static string BulkRunsHint => T();
    public static string NoBulkRuns => T();
}
