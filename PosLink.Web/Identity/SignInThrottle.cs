using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PosLink.Web.Identity;

/// <summary>
/// Makes password guessing slow without handing a stranger a lock-out weapon. Wrong passwords are counted per
/// (account as typed, client address) over a day: every <see cref="SecurityOptions.FailuresPerAddress"/> failures
/// make that address wait, <see cref="SecurityOptions.LockoutMinutes"/> the first time and twice as long each time
/// after, while the owner elsewhere signs in as usual. Only a distributed guess, failures from
/// <see cref="SecurityOptions.AddressesToLockAccount"/> addresses within <see cref="SecurityOptions.LockoutMinutes"/>,
/// protects the account itself, and even then a device the owner signed in from before (its device cookie, the
/// OWASP pattern) signs in normally. Accounts that do not exist are counted the same way, so the answers give
/// nothing away. Counts are this node's own, in memory.
/// </summary>
public sealed class SignInThrottle(TimeProvider time, IOptionsMonitor<SecurityOptions> options)
{
    /// <summary>How long failures count towards an address's growing wait.</summary>
    private static readonly TimeSpan Memory = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, List<DateTimeOffset>>> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _protectedUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _deviceFailures = new(StringComparer.Ordinal);

    /// <summary>How it stands after a failure: how long this address must now wait (zero: not at all), and whether this failure put the account under protection.</summary>
    public sealed record Verdict(TimeSpan AddressWait, bool AccountProtected);

    /// <summary>How long this address must still wait before trying this account again (zero: it may try now).</summary>
    public TimeSpan AddressWait(string account, string address) =>
        Recent(account).TryGetValue(address, out var times) ? WaitAfter(times) : TimeSpan.Zero;

    /// <summary>Whether a distributed guess has put the account under protection: only its owner's known devices sign in.</summary>
    public bool IsProtected(string account) => _protectedUntil.TryGetValue(Key(account), out var until) && until > time.GetUtcNow();

    /// <summary>Whether a device cookie has failed too often to be trusted (a stolen cookie used for guessing).</summary>
    public bool IsDeviceSpent(string device) => _deviceFailures.TryGetValue(device, out var times) && Count(times, Memory) >= options.CurrentValue.FailuresPerAddress;

    public Verdict RecordFailure(string account, string address, string? device)
    {
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        var times = _failures.GetOrAdd(Key(account), _ => new ConcurrentDictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal)).GetOrAdd(address, _ => []);
        lock (times)
        {
            times.Add(now);
        }
        if (device is not null)
        {
            var deviceTimes = _deviceFailures.GetOrAdd(device, _ => []);
            lock (deviceTimes)
            {
                deviceTimes.Add(now);
            }
        }
        var addresses = Recent(account).Count(a => Count(a.Value, settings.Lockout) > 0);
        var protect = addresses >= settings.AddressesToLockAccount && !IsProtected(account);
        if (protect)
        {
            _protectedUntil[Key(account)] = now + settings.Lockout;
        }
        return new Verdict(WaitAfter(times), protect);
    }

    /// <summary>A right password from this address clears its count.</summary>
    public void Clear(string account, string address)
    {
        if (_failures.TryGetValue(Key(account), out var byAddress))
        {
            byAddress.TryRemove(address, out _);
        }
    }

    /// <summary>
    /// After every <see cref="SecurityOptions.FailuresPerAddress"/> failures, a wait from the last of them: the first
    /// <see cref="SecurityOptions.LockoutMinutes"/>, each next one twice as long (at most 64 times).
    /// </summary>
    private TimeSpan WaitAfter(List<DateTimeOffset> times)
    {
        var settings = options.CurrentValue;
        lock (times)
        {
            var count = Count(times, Memory);
            var blocks = count / settings.FailuresPerAddress;
            if (blocks == 0)
            {
                return TimeSpan.Zero;
            }
            var until = times[blocks * settings.FailuresPerAddress - 1] + settings.Lockout * (1 << Math.Min(blocks - 1, 6));
            var left = until - time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    private ConcurrentDictionary<string, List<DateTimeOffset>> Recent(string account) =>
        _failures.TryGetValue(Key(account), out var byAddress) ? byAddress : new ConcurrentDictionary<string, List<DateTimeOffset>>();

    /// <summary>Failures within <paramref name="window"/>, dropping those older than a day.</summary>
    private int Count(List<DateTimeOffset> times, TimeSpan window)
    {
        var now = time.GetUtcNow();
        lock (times)
        {
            times.RemoveAll(t => t <= now - Memory);
            return times.Count(t => t > now - window);
        }
    }

    private static string Key(string account) => account.Trim().ToUpperInvariant();
}
