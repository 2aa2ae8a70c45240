using System.Globalization;

namespace PosLink.Web.Resources;

/// <summary>
/// The app's words in zh-CN (the default) and English, chosen by the request's UI culture. One property per
/// phrase keeps every use checked by the compiler, and both languages side by side for translators.
/// </summary>
public static partial class L
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Pick(string chinese, string english) => IsEnglish ? english : chinese;

    /// <summary>Who did something, as stored; the background jobs' actor is stored by its Chinese name and read in the reader's language.</summary>
    public static string Person(string? name) => name == PosLink.Domain.Staff.Actor.System.Name ? Pick("系统", "system") : name ?? "";

    public static string AppTagline => Pick("POS通担保交易管理", "POS通 guarantee back office");
    public static string Dashboard => Pick("概览", "Dashboard");
    public static string Holds => Pick("担保", "Holds");
    public static string TakeHold => Pick("新建担保", "Take a hold");
    public static string FindHold => Pick("按订单号查找", "Find by order id");
    public static string Admin => Pick("管理", "Admin");
    public static string MerchantsAndTerminals => Pick("商户与终端", "Merchants & terminals");
    public static string Staff => Pick("员工", "Staff");
    public static string AuditLog => Pick("审计日志", "Audit log");
    public static string TwoFactorNeedsAKey => Pick("两步验证需要手机上的验证器App（如 Microsoft Authenticator、Google 身份验证器）。先为您的账号生成密钥：",
        "Two-factor sign-in uses an authenticator app on your phone. First create a key for your account:");
    public static string CreateAKey => Pick("生成密钥", "Create a key");
    public static string SignInAttacksLastDay => Pick("登录攻击（近24小时）", "Sign-in attacks, last 24 h");
    public static string AccountsUnderAttack(int count) => Pick($"{count}个账号遭多地址猜测密码，已受保护（仅其常用设备可登录）",
        $"{count} accounts guessed at from many addresses, now protected (only their known devices sign in)");
    public static string Jobs => Pick("后台任务", "Background jobs");
    public static string Gateway => Pick("网关", "Gateway");
    public static string SignIn => Pick("登录", "Sign in");
    public static string SignOut => Pick("退出", "Sign out");
    public static string Language => Pick("English", "中文");
    public static string Email => Pick("邮箱", "Email");
    public static string Password => Pick("密码", "Password");
    public static string ChangePassword => Pick("修改密码", "Change password");
    public static string RememberMe => Pick("保持登录", "Keep me signed in");
    public static string InvalidSignIn => Pick("邮箱或密码不正确。", "Wrong email or password.");
    public static string LockedOut => Pick("账号已被锁定，请稍后再试或联系管理员。", "This account is locked; try again later or ask an admin.");
    public static string TooManyAttempts(int minutes) => Pick($"此设备登录失败次数过多，请{minutes}分钟后再试。", $"Too many failed sign-ins from this device; try again in {minutes} minutes.");
    public static string AccountDisabled => Pick("账号已停用，请联系管理员。", "This account is disabled; ask an admin.");

    public static string Status => Pick("状态", "Status");
    public static string Store => Pick("门店", "Store");
    public static string Terminal => Pick("终端", "Terminal");
    public static string Amount => Pick("金额", "Amount");
    public static string HeldAmount => Pick("担保金额", "Held");
    public static string CompletedAmount => Pick("完成金额", "Completed");
    public static string MerchantOrderId => Pick("商户订单号", "Merchant order id");
    public static string OrderId => Pick("银商订单号", "Gateway order id");
    public static string Trace => Pick("系统跟踪号", "Trace number");
    public static string AuthorizationCode => Pick("授权码", "Authorization code");
    public static string PayCode => Pick("付款码", "Payment code");
    public static string PayMode => Pick("支付方式", "Pay mode");
    public static string Remark => Pick("备注", "Remark");
    public static string TakenAt => Pick("担保时间", "Taken");
    public static string TakenBy => Pick("经办人", "Taken by");
    public static string Search => Pick("搜索（订单号/跟踪号/授权码）", "Search (order id, trace, authorization code)");
    public static string From => Pick("开始日期", "From");
    public static string To => Pick("结束日期", "To");
    public static string MinAmount => Pick("最低金额（元）", "Min amount (¥)");
    public static string MaxAmount => Pick("最高金额（元）", "Max amount (¥)");
    public static string AllStatuses => Pick("全部状态", "All statuses");
    public static string AllStores => Pick("全部门店", "All stores");
    public static string OpenOnly => Pick("未完结", "Open");
    public static string NeedsAttention => Pick("需要处理", "Needs attention");
    public static string Apply => Pick("查询", "Apply");
    public static string Reset => Pick("重置", "Reset");
    public static string NextPage => Pick("下一页", "Next page");
    public static string FirstPage => Pick("第一页", "First page");
    public static string NoHolds => Pick("没有符合条件的担保。", "No holds match.");
    public static string Total => Pick("合计", "Total");
    public static string Complete => Pick("完成", "Complete");
    public static string Void => Pick("撤销", "Void");
    public static string Refresh => Pick("查询状态", "Refresh");
    public static string Details => Pick("详情", "Details");
    public static string Cancel => Pick("取消", "Cancel");
    public static string Confirm => Pick("确认", "Confirm");
    public static string VoidReason => Pick("撤销原因", "Reason for the void");
    public static string CompleteAmountYuan => Pick("完成金额（元）", "Amount to complete (¥)");
    public static string Timeline => Pick("网关请求记录", "Gateway requests");
    public static string Audit => Pick("操作记录", "Audit trail");
    public static string When => Pick("时间", "When");
    public static string Who => Pick("操作人", "Who");
    public static string What => Pick("操作", "What");
    public static string Outcome => Pick("结果", "Outcome");
    public static string Meaning => Pick("含义", "Meaning");
    public static string SettlementDate => Pick("结算日期", "Settlement date");
    public static string Estimated => Pick("预估", "estimated");
    public static string AmountEstimatedHint => Pick("金额取自网关查询，待对账单确认", "The amount is the gateway query's, until a statement confirms it");
    public static string Completing => Pick("正在完成", "Being completed");
    public static string Paid => Pick("实付金额", "Paid by customer");
    public static string Discounts => Pick("优惠（商户/其他）", "Discounts (merchant / other)");
    public static string Expires => Pick("到期", "Expires");
    public static string Age => Pick("已担保", "Age");
    public static string Working => Pick("处理中…", "Working…");
    public static string Submit => Pick("提交担保", "Take the hold");
    public static string Find => Pick("查找", "Find");
    public static string Forbidden => Pick("无权访问", "Not allowed");
    public static string NotFound => Pick("未找到", "Not found");

    public static string DaysAgo(int days) => days == 0 ? Pick("今天", "today") : Pick($"{days}天", $"{days} d");

    public static string ExpiresInDays(int days) => days <= 0 ? Pick("今天到期", "expires today") : Pick($"{days}天后到期", $"expires in {days} d");
}
