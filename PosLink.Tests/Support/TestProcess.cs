using System.Runtime.CompilerServices;

namespace PosLink.Tests.Support;

/// <summary>Settings for the whole test process, applied before any test host starts.</summary>
internal static class TestProcess
{
    public const string NoConfigReload = "DOTNET_hostBuilder__reloadConfigOnChange";

#pragma warning disable CA2255 // A test assembly, not a library: this runs once, before the first host.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        // Dozens of app hosts start in this process; each watching its settings files would use up the
        // system's inotify instances (128 per user), and hosts would then fail to start.
        Environment.SetEnvironmentVariable(NoConfigReload, "false");
        // Those hosts run Hangfire workers that wait synchronously for async jobs, and SQLite's "async" calls run
        // synchronously: on two cores the pool would add threads only slowly, and a queued job's continuations
        // could wait tens of seconds behind other tests. Start with enough threads for the parallel hosts.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
