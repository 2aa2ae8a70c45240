using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>Item 8: an imported hold's lifetime starts at its deal date on the platform, not when PosLink learned of it.</summary>
public sealed class ImportLifetimeTests
{
    [Fact]
    public async Task AHoldTakenTwentyDaysAgoOnAPosDevice_ExpiresTenDaysAfterItsImport()
    {
        await using var h = await LedgerHarness.CreateAsync();
        var dealtAt = h.Time.GetUtcNow();
        var orderId = h.Gateway.HoldTakenElsewhere("898310148160568", "JA000001", "000321", 50_000, "134567890123450321");
        h.Time.Advance(TimeSpan.FromDays(20));

        var imported = (await h.Guarantees.ImportAsync(h.Admin, h.Jingan.Id, orderId)).Unwrap();

        var g = await h.LoadAsync(imported.GuaranteeId);
        var dealt = ChinaTime.ToChina(dealtAt);
        var expected = new DateTimeOffset(dealt.Year, dealt.Month, dealt.Day, dealt.Hour, dealt.Minute, dealt.Second, ChinaTime.Offset).AddDays(h.Options.LifetimeDays);
        Assert.Equal(expected, g.ExpiresAt);
        Assert.Equal(ChinaTime.TradeDate(dealtAt), g.TradeDate);
    }
}
