using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PosLink.Tests.Support;

/// <summary>
/// A command run as a separate process, the way a person runs it from a shell: its output is kept (the last lines
/// explain a failure), and disposing it stops the whole process tree.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 60;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process) => _process = process;

    public string Command { get; private init; } = "";

    /// <summary>The last lines the process wrote (stdout and stderr interleaved).</summary>
    public string LastLines => string.Join('\n', _lines);

    public bool HasExited => _exited.Task.IsCompleted;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="command"/> in bash, in <paramref name="directory"/>, with the given environment on top of this one.</summary>
    public static ChildProcess Start(string command, string directory, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The test runner's MSBuild and test-host variables would steer a nested dotnet command; a shell has none.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) ||
                     k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }
        info.Environment.Remove(TestProcess.NoConfigReload);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process) { Command = command };
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Exited += (_, _) => child._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until a line containing <paramref name="text"/> appears; fails with the last lines if the process ends first or the bound passes.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan bound)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Watch(object? _, DataReceivedEventArgs e)
        {
            if (e.Data?.Contains(text, StringComparison.Ordinal) == true)
            {
                seen.TrySetResult();
            }
        }
        _process.OutputDataReceived += Watch;
        _process.ErrorDataReceived += Watch;
        try
        {
            if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }
            var first = await Task.WhenAny(seen.Task, _exited.Task, Task.Delay(bound));
            if (first != seen.Task)
            {
                var why = first == _exited.Task ? $"exited with code {_process.ExitCode}" : $"did not print \"{text}\" within {bound.TotalSeconds:0} s";
                Assert.Fail($"'{Command}' {why}. Its last lines:\n{LastLines}");
            }
        }
        finally
        {
            _process.OutputDataReceived -= Watch;
            _process.ErrorDataReceived -= Watch;
        }
    }

    /// <summary>Waits for the process to end by itself; fails with the last lines if it does not, or ends with an error.</summary>
    public async Task WaitForSuccessAsync(TimeSpan bound)
    {
        if (await Task.WhenAny(_exited.Task, Task.Delay(bound)) != _exited.Task)
        {
            Assert.Fail($"'{Command}' did not finish within {bound.TotalSeconds:0} s. Its last lines:\n{LastLines}");
        }
        _process.WaitForExit();
        Assert.True(_process.ExitCode == 0, $"'{Command}' failed with exit code {_process.ExitCode}. Its last lines:\n{LastLines}");
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _lines.Enqueue(line);
        while (_lines.Count > KeptLines && _lines.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Ended between the check and the kill.
            }
            await Task.WhenAny(_exited.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        }
        _process.Dispose();
    }
}
