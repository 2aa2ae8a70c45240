namespace PosLink.Web.Backups;

/// <summary>Settings under <c>PosLink:Backups</c>: nightly copies of the embedded SQLite ledger (PostgreSQL has its own tools).</summary>
public sealed class BackupOptions
{
    public const string Section = "PosLink:Backups";

    /// <summary>Where copies go; relative to the app's folder unless absolute. Best on another disk than the ledger.</summary>
    public string Folder { get; set; } = "backups";

    /// <summary>How many copies are kept; older ones are deleted after each new one.</summary>
    public int Keep { get; set; } = 7;

    /// <summary>When the nightly copy is taken (China time): before the open-holds sync at 02:00.</summary>
    public string Cron { get; set; } = "30 1 * * *";
}
