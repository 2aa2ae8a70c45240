using PosLink.Tests.Support;

namespace PosLink.Tests.Nodes;

/// <summary>
/// App processes started from the built PosLink.Web.dll on one new PostgreSQL database (each a node of its own,
/// with its own port and Hangfire queue), in a shared content folder; disposing it stops them and drops the database.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public static readonly TimeSpan StartBound = TimeSpan.FromMinutes(3);

    private readonly List<ChildProcess> _nodes = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("poslink-nodes-").FullName;

    private Cluster(string database) => Database = database;

    public string Database { get; }

    private static string AppDll => Path.Combine(Repository.Root, "PosLink.Web", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "PosLink.Web.dll");

    public static async Task<Cluster> CreateAsync() => new(await PostgresServer.CreateDatabaseAsync());

    /// <summary>Starts a node (demo data seeded by the one asked to), on a free loopback port; returns it and its address.</summary>
    public (ChildProcess Process, Uri Address) Start(string name, bool seed, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = ChildProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["PosLink__Database__Provider"] = "Postgres",
            ["ConnectionStrings__PosLink"] = Database,
            ["PosLink__Demo__Seed"] = seed ? "true" : "false",
            ["PosLink__Jobs__NodeName"] = name,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        var node = ChildProcess.Start($"dotnet \"{AppDll}\"", _folder, environment);
        _nodes.Add(node);
        return (node, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        await PostgresServer.DropDatabaseAsync(Database);
        Directory.Delete(_folder, recursive: true);
    }
}
