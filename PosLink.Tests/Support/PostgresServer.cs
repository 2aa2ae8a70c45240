using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PosLink.Tests.Support;

/// <summary>
/// The PostgreSQL server the Postgres-provider tests use: the one named by <c>POSLINK_TEST_POSTGRES</c> (a connection
/// string; <c>.ci/run</c> starts one), else a throwaway cluster this process starts with <c>initdb</c> on a temporary
/// directory and a loopback port (as the <c>postgres</c> user when run as root), stopped when the process exits.
/// Each harness gets a database of its own.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    /// <summary>The server's connection string (to its maintenance database), starting the server first if need be.</summary>
    public static Task<string> AdminAsync() => Server.Value;

    /// <summary>A new, empty database on the server; its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await Server.Value;
        var name = "poslink_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await Server.Value);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("POSLINK_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("The PostgreSQL tests need the PostgreSQL server binaries (initdb, pg_ctl): apt-get install -y postgresql, " +
                                                "or set POSLINK_TEST_POSTGRES to a connection string of a server to use.");
        }
        var root = Environment.UserName == "root";
        var data = Path.Combine(Path.GetTempPath(), "poslink-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        if (root)
        {
            await RunAsync("chown", $"postgres {data}", asPostgres: false);
        }
        var port = FreePort();
        await RunAsync(Path.Combine(bin, "initdb"), $"-D {data} -U postgres -A trust -E UTF8 --locale=C.UTF-8", root);
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            $"-D {data} -l {data}/server.log -w -o \"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start", root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate stop", root).GetAwaiter().GetResult();
            Directory.Delete(data, recursive: true);
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
    }

    private static async Task RunAsync(string file, string arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
