using PosLink.Domain.Gateway;

namespace PosLink.Web.Sandbox;

/// <summary>
/// Scripted behaviours, chosen by the last four digits of the pay code, so that every path of the app can
/// be shown and tested offline. README lists them.
/// </summary>
public enum SandboxScript
{
    Approve,
    DeclineInsufficientFunds,
    DeclineDoNotHonour,
    DeclineInvalidCode,
    SystemMalfunctionButHeld,
    SlowAnswerButHeld,
    WaitForBuyerThenHeld,
    WaitForBuyerThenFailed,
    ApproveWithDiscounts,
    SlowCompletion,
    LateCompletion,
}

public static class SandboxScripts
{
    /// <summary>The pay-code endings that script something other than an approval, in the order README and the pages list them.</summary>
    private static readonly (string Ending, SandboxScript Script)[] Scripted =
    [
        ("0051", SandboxScript.DeclineInsufficientFunds),
        ("0005", SandboxScript.DeclineDoNotHonour),
        ("0014", SandboxScript.DeclineInvalidCode),
        ("0096", SandboxScript.SystemMalfunctionButHeld),
        ("0098", SandboxScript.SlowAnswerButHeld),
        ("0077", SandboxScript.WaitForBuyerThenHeld),
        ("0078", SandboxScript.WaitForBuyerThenFailed),
        ("0088", SandboxScript.ApproveWithDiscounts),
        ("0093", SandboxScript.SlowCompletion),
        ("0091", SandboxScript.LateCompletion),
    ];

    /// <summary>The endings with a script of their own (what each does is in the catalogue, SandboxEnding.{ending}).</summary>
    public static IEnumerable<string> Endings => Scripted.Select(s => s.Ending);

    public static SandboxScript For(string payCode)
    {
        var ending = PayCodeMask.LastFour(payCode);
        return Scripted.FirstOrDefault(s => s.Ending == ending) is { Ending: not null } found ? found.Script : SandboxScript.Approve;
    }

    /// <summary>A whole pay code with this ending, as a customer's app would show it (18 digits).</summary>
    public static string PayCodeEndingIn(string ending) => "13456789012345" + ending;

    /// <summary>The errCode a declining script answers, or null when the script takes the hold.</summary>
    public static string? DeclineCode(this SandboxScript script) => script switch
    {
        SandboxScript.DeclineInsufficientFunds => "51",
        SandboxScript.DeclineDoNotHonour => "05",
        SandboxScript.DeclineInvalidCode => "14",
        _ => null,
    };
}
