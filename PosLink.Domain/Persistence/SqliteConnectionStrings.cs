using Microsoft.Data.Sqlite;

namespace PosLink.Domain.Persistence;

/// <summary>Helpers for the SQLite connection string under <c>ConnectionStrings:PosLink</c>.</summary>
public static class SqliteConnectionStrings
{
    /// <summary>Puts a relative database file beside the app (its content root) rather than wherever the shell happens to be.</summary>
    public static string Resolve(string connectionString, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (!string.IsNullOrEmpty(source) && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(source))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(baseDirectory, source));
        }
        return builder.ToString();
    }

    /// <summary>Switches the database file to write-ahead logging, so readers never block the writer.</summary>
    public static void EnableWriteAheadLog(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }
}

/// <summary>The resolved connection string of the app's database and the provider it speaks, shared by every context that lives in it.</summary>
public sealed record PosLinkConnection(string ConnectionString, DatabaseProvider Provider = DatabaseProvider.Sqlite);
