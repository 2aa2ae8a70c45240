using System.Diagnostics;

namespace PosLink.Tests.Support;

/// <summary>The repository the tests run from, and clean copies of it (what a fresh clone would hold).</summary>
public static class Repository
{
    /// <summary>The folder holding PosLink.sln, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string ReadmeText => File.ReadAllText(Path.Combine(Root, "README.md"));

    /// <summary>
    /// Copies the files git tracks, and new files it does not ignore, into <paramref name="target"/>: what a fresh
    /// clone of the working tree would hold, without bin/, obj/ or a database.
    /// </summary>
    public static void CopyCleanTo(string target)
    {
        var files = Git("ls-files -z --cached --others --exclude-standard").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        foreach (var relative in files)
        {
            var source = Path.Combine(Root, relative);
            if (!File.Exists(source))
            {
                continue; // deleted in the working tree, not yet committed
            }
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(source, destination);
        }
    }

    /// <summary>The first line of README that starts with <paramref name="prefix"/> (inside a code block), without its comment.</summary>
    public static string ReadmeCommand(string prefix)
    {
        var line = ReadmeText.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"README has no command starting with '{prefix}'.");
        var comment = line.IndexOf(" #", StringComparison.Ordinal);
        return (comment < 0 ? line : line[..comment]).Trim();
    }

    private static string Git(string arguments)
    {
        using var git = Process.Start(new ProcessStartInfo("git", arguments)
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("git could not be started.");
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : throw new InvalidOperationException($"git {arguments} failed: {git.StandardError.ReadToEnd()}");
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PosLink.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("PosLink.sln was not found above the test binaries.");
    }
}
