namespace PosLink.Domain.Persistence;

/// <summary>Where the ledger lives (<c>PosLink:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the app: the embedded first run, one node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several nodes share one ledger.</summary>
    Postgres,
}

/// <summary>The <c>PosLink:Database</c> settings.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "PosLink:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
