using System.Collections.Concurrent;
using PosLink.Domain.Staff;
using PosLink.Web.Identity;

namespace PosLink.Web.Components.Shared;

/// <summary>
/// One read for many open pages. Pages reloading for changes (<see cref="LivePage"/>) wake on the same tick, and those
/// asking the same question for the same rights take the answer the first of them read, if that read began after
/// every change they must show (the change feed's version). So while a sweep settles a store's holds, its forty open
/// holds tabs cost one query a second, not forty. A page someone reloads by hand reads afresh, and leaves its answer
/// for the others. Answers are immutable records, shared as they are; only the newest per question is kept.
/// </summary>
public sealed class SharedReads(GuaranteeChangeFeed feed)
{
    /// <summary>Questions remembered at most: an answer is worth keeping for a tick, so a full table is simply emptied.</summary>
    public const int MaxQuestions = 256;

    private readonly ConcurrentDictionary<object, Answer> _answers = new();

    private long _reads;

    private sealed record Answer(long Version, Task<object?> Read);

    /// <summary>How many reads ran rather than were shared (for tests).</summary>
    internal long Reads => Interlocked.Read(ref _reads);

    /// <summary>
    /// The answer to <paramref name="question"/> (which must name the rights it is read with, <see cref="Rights"/>):
    /// one read since <paramref name="showsChangesUpTo"/> when given, else a fresh one.
    /// </summary>
    public async Task<T> ReadAsync<T>(object question, long? showsChangesUpTo, Func<Task<T>> read)
    {
        if (showsChangesUpTo is { } owed && _answers.TryGetValue(question, out var known) && known.Version >= owed && !known.Read.IsFaulted && !known.Read.IsCanceled)
        {
            return (T)(await known.Read)!;
        }
        var answer = new Answer(feed.Version, Boxed(read));
        Interlocked.Increment(ref _reads);
        if (_answers.Count >= MaxQuestions)
        {
            _answers.Clear();
        }
        _answers.AddOrUpdate(question, answer, (_, held) => held.Version > answer.Version ? held : answer);
        return (T)(await answer.Read)!;
    }

    /// <summary>Off the caller's circuit: the pages that share the answer must not wait for that circuit's dispatcher.</summary>
    private static Task<object?> Boxed<T>(Func<Task<T>> read) => Task.Run(async () => (object?)await read());

    /// <summary>What an actor's answers depend on: their roles and, unless they see every store, their stores.</summary>
    public static string Rights(Actor actor) =>
        string.Join(',', actor.Roles.Order(StringComparer.Ordinal)) + "|" + (actor.SeesAllStores ? "*" : string.Join(',', actor.StoreIds.Order()));
}
