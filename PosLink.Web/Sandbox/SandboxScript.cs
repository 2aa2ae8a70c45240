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
    public static SandboxScript For(string payCode) => PayCodeMask.LastFour(payCode) switch
    {
        "0051" => SandboxScript.DeclineInsufficientFunds,
        "0005" => SandboxScript.DeclineDoNotHonour,
        "0014" => SandboxScript.DeclineInvalidCode,
        "0096" => SandboxScript.SystemMalfunctionButHeld,
        "0098" => SandboxScript.SlowAnswerButHeld,
        "0077" => SandboxScript.WaitForBuyerThenHeld,
        "0078" => SandboxScript.WaitForBuyerThenFailed,
        "0088" => SandboxScript.ApproveWithDiscounts,
        "0093" => SandboxScript.SlowCompletion,
        "0091" => SandboxScript.LateCompletion,
        _ => SandboxScript.Approve,
    };

    /// <summary>The errCode a declining script answers, or null when the script takes the hold.</summary>
    public static string? DeclineCode(this SandboxScript script) => script switch
    {
        SandboxScript.DeclineInsufficientFunds => "51",
        SandboxScript.DeclineDoNotHonour => "05",
        SandboxScript.DeclineInvalidCode => "14",
        _ => null,
    };
}
