using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PosLink.Web.Identity;

/// <summary>
/// Wrong passwords, counted per (account as typed, client address) over <see cref="SecurityOptions.LockoutMinutes"/>.
/// An address with <see cref="SecurityOptions.FailuresPerAddress"/> failures for an account must wait; other
/// addresses are not affected, so a stranger cannot keep a known account locked by guessing at it. Only failures
/// from <see cref="SecurityOptions.AddressesToLockAccount"/> different addresses lock the account itself (a
/// distributed guess). Accounts that do not exist are counted the same way, so the answers give nothing away.
/// </summary>
public sealed class SignInThrottle(TimeProvider time, IOptionsMonitor<SecurityOptions> options)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, List<DateTimeOffset>>> _failures = new(StringComparer.Ordinal);

    /// <summary>How it stands after a failure: whether this address must now wait, and whether the account should be locked.</summary>
    public sealed record Verdict(bool AddressLocked, bool LockAccount);

    /// <summary>Whether this address must wait before trying this account again.</summary>
    public bool IsAddressLocked(string account, string address) =>
        Recent(account).TryGetValue(address, out var times) && Count(times) >= options.CurrentValue.FailuresPerAddress;

    public Verdict RecordFailure(string account, string address)
    {
        var now = time.GetUtcNow();
        var byAddress = _failures.GetOrAdd(Key(account), _ => new ConcurrentDictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal));
        var times = byAddress.GetOrAdd(address, _ => []);
        lock (times)
        {
            times.Add(now);
        }
        var settings = options.CurrentValue;
        var addresses = Recent(account).Count(a => Count(a.Value) > 0);
        return new Verdict(Count(times) >= settings.FailuresPerAddress, addresses >= settings.AddressesToLockAccount);
    }

    /// <summary>A right password from this address clears its count.</summary>
    public void Clear(string account, string address)
    {
        if (_failures.TryGetValue(Key(account), out var byAddress))
        {
            byAddress.TryRemove(address, out _);
        }
    }

    private ConcurrentDictionary<string, List<DateTimeOffset>> Recent(string account) =>
        _failures.TryGetValue(Key(account), out var byAddress) ? byAddress : new ConcurrentDictionary<string, List<DateTimeOffset>>();

    /// <summary>Failures within the window, dropping older ones.</summary>
    private int Count(List<DateTimeOffset> times)
    {
        var since = time.GetUtcNow() - options.CurrentValue.Lockout;
        lock (times)
        {
            times.RemoveAll(t => t <= since);
            return times.Count;
        }
    }

    private static string Key(string account) => account.Trim().ToUpperInvariant();
}
