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

    public static string VoidReasonIs(string reason) => F(nameof(VoidReasonIs), reason);
    public static string BulkRunsHint => T();
    public static string NoBulkRuns => T();
}
