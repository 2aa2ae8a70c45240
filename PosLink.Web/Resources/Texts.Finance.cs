namespace PosLink.Web.Resources;

/// <summary>The finance pages' words.</summary>
public static partial class L
{
    public static string Finance => Pick("财务", "Finance");
    public static string FinanceOverview => Pick("财务概览", "Finance overview");
    public static string Settlements => Pick("结算汇总", "Settlements");
    public static string Reconciliation => Pick("对账", "Reconciliation");
    public static string Statements => Pick("对账单导入", "Statements");
    public static string Completions => Pick("完成笔数", "Completions");
    public static string Released => Pick("释放金额", "Released");
    public static string MerchantDiscount => Pick("商户优惠", "Merchant discount");
    public static string OtherDiscount => Pick("其他优惠", "Other discount");
    public static string EstimatedDates => Pick("结算日期为预估", "Settlement date estimated");
    public static string OpenDifferences => Pick("待处理差异", "Open differences");
    public static string GroupBy => Pick("汇总方式", "Group by");
    public static string ByDay => Pick("按日", "By day");
    public static string ByStore => Pick("按门店", "By store");
    public static string ByTerminal => Pick("按终端", "By terminal");
    public static string ExportCsv => Pick("导出CSV", "Export CSV");
    public static string ExportXlsx => Pick("导出Excel", "Export Excel");
    public static string Day => Pick("日期", "Date");
    public static string Source => Pick("来源", "Source");
    public static string Kind => Pick("差异类型", "Kind");
    public static string Ours => Pick("我方", "Ours");
    public static string Theirs => Pick("对方", "Theirs");
    public static string Resync => Pick("按网关同步", "Re-sync from gateway");
    public static string Accept => Pick("接受", "Accept");
    public static string Note => Pick("说明", "Note");
    public static string Merchant => Pick("商户", "Merchant");
    public static string HoldCount(int count) => Pick($"{count}笔", count == 1 ? "1 hold" : $"{count} holds");

    /// <summary>"1 difference", "3 differences": an English count with its noun.</summary>
    public static string EnglishCount(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
