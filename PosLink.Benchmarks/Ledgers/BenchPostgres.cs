using Npgsql;
using PosLink.Tests.Support;

namespace PosLink.Benchmarks.Ledgers;

/// <summary>
/// The PostgreSQL server of a benchmark run: the tests' (<c>POSLINK_TEST_POSTGRES</c>, or a throwaway cluster started
/// on a temporary directory). The host starts it once and hands its address to the benchmark processes it launches.
/// </summary>
public static class BenchPostgres
{
    public const string Variable = "POSLINK_TEST_POSTGRES";

    /// <summary>Starts (or finds) the server and publishes it to child processes through the environment.</summary>
    public static async Task ShareAsync()
    {
        var server = await PostgresServer.AdminAsync();
        Environment.SetEnvironmentVariable(Variable, server);
    }

    public static async Task<string> DatabaseAsync(string name) =>
        new NpgsqlConnectionStringBuilder(await PostgresServer.AdminAsync()) { Database = name }.ToString();

    public static async Task<bool> ExistsAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var admin = new NpgsqlConnection(await PostgresServer.AdminAsync());
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", name!);
        return (long)(await exists.ExecuteScalarAsync())! > 0;
    }

    /// <summary>An empty database of that name (dropped first if a broken build left one).</summary>
    public static async Task<string> FreshDatabaseAsync(string name)
    {
        await using var admin = new NpgsqlConnection(await PostgresServer.AdminAsync());
        await admin.OpenAsync();
        await Execute(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await Execute(admin, $"CREATE DATABASE \"{name}\"");
        return await DatabaseAsync(name);
    }

    /// <summary>A copy of a database (no one may be connected to it meanwhile).</summary>
    public static async Task<string> CopyDatabaseAsync(string from, string to)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(await PostgresServer.AdminAsync());
        await admin.OpenAsync();
        await Execute(admin, $"CREATE DATABASE \"{to}\" TEMPLATE \"{from}\"");
        return await DatabaseAsync(to);
    }

    public static async Task RenameAsync(string from, string to)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(await PostgresServer.AdminAsync());
        await admin.OpenAsync();
        await Execute(admin, $"ALTER DATABASE \"{from}\" RENAME TO \"{to}\"");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
