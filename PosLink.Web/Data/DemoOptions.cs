namespace PosLink.Web.Data;

/// <summary>Settings under <c>PosLink:Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "PosLink:Demo";

    /// <summary>Seed demo data once per database; when unset, true in Sandbox mode and false in Live mode.</summary>
    public bool? Seed { get; set; }

    /// <summary>The password of every demo account (at least 12 characters).</summary>
    public string Password { get; set; } = "";

    /// <summary>At start, disable every demo account (<c>@poslink.demo</c>): the step before going Live on a database that held the demo.</summary>
    public bool DisableAccounts { get; set; }
}
