using Microsoft.Extensions.Time.Testing;
using PosLink.Tests.Support;
using PosLink.Web.Identity;

namespace PosLink.Tests.Web;

/// <summary>The waits an address earns by guessing grow; a few strangers never protect an account, a flood does.</summary>
public sealed class SignInThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly SignInThrottle _throttle;

    public SignInThrottleTests() => _throttle = new SignInThrottle(_time, new StaticOptionsMonitor<SecurityOptions>(new SecurityOptions()));

    private void Fail(int times, string address = "198.51.100.9", string? device = null)
    {
        for (var i = 0; i < times; i++)
        {
            _throttle.RecordFailure("finance@poslink.test", address, device);
        }
    }

    private TimeSpan Wait(string address = "198.51.100.9") => _throttle.AddressWait("finance@poslink.test", address);

    [Fact]
    public void EveryFiveFailuresFromAnAddress_EarnAWaitTwiceAsLongAsTheLast()
    {
        Fail(4);
        Assert.Equal(TimeSpan.Zero, Wait());
        Fail(1);
        Assert.Equal(TimeSpan.FromMinutes(15), Wait());

        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(TimeSpan.Zero, Wait());
        // Four more tries are free again; the fifth earns thirty minutes, then an hour.
        Fail(4);
        Assert.Equal(TimeSpan.Zero, Wait());
        Fail(1);
        Assert.Equal(TimeSpan.FromMinutes(30), Wait());
        _time.Advance(TimeSpan.FromMinutes(30));
        Fail(5);
        Assert.Equal(TimeSpan.FromHours(1), Wait());
        // Another address is not held back.
        Assert.Equal(TimeSpan.Zero, Wait("203.0.113.50"));
    }

    [Fact]
    public void AFewAddresses_NeverProtectTheAccount_TwentyWithinTheWindowDo_ForTheWindow()
    {
        for (var i = 1; i <= 19; i++)
        {
            Fail(1, $"192.0.2.{i}");
        }
        Assert.False(_throttle.IsProtected("finance@poslink.test"));

        Assert.True(_throttle.RecordFailure("FINANCE@poslink.test ", "192.0.2.20", null).AccountProtected);
        Assert.True(_throttle.IsProtected("finance@poslink.test"));
        // Told once: the next failure does not raise it again.
        Assert.False(_throttle.RecordFailure("finance@poslink.test", "192.0.2.21", null).AccountProtected);

        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.False(_throttle.IsProtected("finance@poslink.test"));
    }

    [Fact]
    public void ADeviceCookieThatKeepsFailing_IsNoLongerTrusted()
    {
        Fail(4, device: "device-1");
        Assert.False(_throttle.IsDeviceSpent("device-1"));
        Fail(1, device: "device-1");
        Assert.True(_throttle.IsDeviceSpent("device-1"));
    }
}
