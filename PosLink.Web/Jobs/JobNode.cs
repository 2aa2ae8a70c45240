using System.Text;
using Microsoft.Extensions.Options;

namespace PosLink.Web.Jobs;

/// <summary>
/// This node as Hangfire sees it: a server name, and a queue of its own beside the shared one, so that a job meant for
/// every node (a status sweep's tick) can be handed to each of them rather than to whichever polls first.
/// </summary>
public sealed class JobNode(IOptions<JobOptions> options)
{
    public const string SharedQueue = "default";

    /// <summary>What every node's own queue name starts with.</summary>
    public const string QueuePrefix = "node-";

    public string Name { get; } = string.IsNullOrWhiteSpace(options.Value.NodeName) ? Environment.MachineName : options.Value.NodeName.Trim();

    public string Queue => QueueFor(Name);

    /// <summary>Hangfire queue names are lower-case letters, digits, '_' and '-'.</summary>
    public static string QueueFor(string nodeName)
    {
        var queue = new StringBuilder(QueuePrefix);
        foreach (var c in nodeName.ToLowerInvariant())
        {
            queue.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' ? c : '-');
        }
        return queue.ToString();
    }
}
