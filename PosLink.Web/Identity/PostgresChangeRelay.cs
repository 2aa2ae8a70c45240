using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;

namespace PosLink.Web.Identity;

/// <summary>
/// Makes the change feed cluster-wide when the ledger is on PostgreSQL: each change published on this node is sent
/// with <c>NOTIFY</c>, and every node <c>LISTEN</c>s and hands the other nodes' changes to its own subscribers, so a
/// completion on one node refreshes an open page on another within a second. A change is only a hint to reload
/// through the authorized query, so one lost while a connection is re-opened costs a stale page until the next
/// change, never a wrong figure. On SQLite (one node) it does nothing.
/// </summary>
public sealed partial class PostgresChangeRelay(PosLinkConnection ledger, GuaranteeChangeFeed feed, ILogger<PostgresChangeRelay> logger) : BackgroundService
{
    public const string Channel = "poslink_guarantees";

    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly Channel<GuaranteeChanged> _outbox = System.Threading.Channels.Channel.CreateBounded<GuaranteeChanged>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private sealed record Message(string Node, long? GuaranteeId, int StoreId, GuaranteeStatus? Status, int? TerminalId, long? BulkRunId);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ledger.Provider != DatabaseProvider.Postgres)
        {
            return Task.CompletedTask;
        }
        feed.Forward = change => _outbox.Writer.TryWrite(change);
        return Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ledger.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                LogListenFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(stoppingToken))
            {
                try
                {
                    await using var connection = new NpgsqlConnection(ledger.ConnectionString);
                    await connection.OpenAsync(stoppingToken);
                    // What has gathered meanwhile goes on the same connection.
                    while (_outbox.Reader.TryRead(out var change))
                    {
                        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                        notify.Parameters.AddWithValue("channel", Channel);
                        notify.Parameters.AddWithValue("payload", JsonSerializer.Serialize(new Message(_node, change.GuaranteeId, change.StoreId, change.Status, change.TerminalId, change.BulkRunId)));
                        await notify.ExecuteNonQueryAsync(stoppingToken);
                    }
                }
                catch (NpgsqlException e)
                {
                    LogSendFailed(e);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Receive(string payload)
    {
        try
        {
            if (JsonSerializer.Deserialize<Message>(payload) is { } message && message.Node != _node)
            {
                feed.Deliver(new GuaranteeChanged(message.GuaranteeId, message.StoreId, message.Status, message.TerminalId, message.BulkRunId));
            }
        }
        catch (JsonException e)
        {
            LogBadPayload(e);
        }
    }

    [LoggerMessage(EventId = 420, Level = LogLevel.Warning, Message = "Listening for other nodes' changes failed; listening again in a second")]
    private partial void LogListenFailed(Exception exception);

    [LoggerMessage(EventId = 421, Level = LogLevel.Warning, Message = "Telling other nodes about a change failed; trying again in a second")]
    private partial void LogSendFailed(Exception exception);

    [LoggerMessage(EventId = 422, Level = LogLevel.Warning, Message = "A change notification from another node could not be read")]
    private partial void LogBadPayload(Exception exception);
}
