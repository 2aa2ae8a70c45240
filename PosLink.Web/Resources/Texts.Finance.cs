namespace PosLink.Web.Resources;

/// <summary>The finance pages' words.</summary>
public static partial class L
{
    public static string Finance => T();
    public static string FinanceOverview => T();
    public static string Settlements => T();
    public static string Reconciliation => T();
    public static string Statements => T();
    public static string RestoredDaysForStatement(object? days) => F(nameof(RestoredDaysForStatement), days);
    public static string Completions => T();
    public static string Released => T();
    public static string MerchantDiscount => T();
    public static string OtherDiscount => T();
    public static string EstimatedDates => T();
    public static string OpenDifferences => T();
    public static string GroupBy => T();
    public static string ByDay => T();
    public static string ByStore => T();
    public static string ByTerminal => T();
    public static string ExportCsv => T();
    public static string ExportXlsx => T();
    public static string Day => T();
    public static string Source => T();
    public static string Kind => T();
    public static string Ours => T();
    public static string Theirs => T();
    public static string Resync => T();
    public static string Accept => T();
    public static string Note => T();
    public static string Merchant => T();
    public static string HoldCount(int count) => Count(nameof(HoldCount), count);
    public static string OpenDifferencesCount(int count) => Count(nameof(OpenDifferencesCount), count);
    public static string FileProblems(int count) => Count(nameof(FileProblems), count);
    public static string ImportSummary(int rows, int matched, int differences, int datesAdopted) => F(nameof(ImportSummary), rows, matched, differences, datesAdopted);
}
