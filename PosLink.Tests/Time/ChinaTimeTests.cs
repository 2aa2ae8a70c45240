using PosLink.Domain.Time;

namespace PosLink.Tests.Time;

public sealed class ChinaTimeTests
{
    [Fact]
    public void TradeDate_ChangesAt1600Utc()
    {
        Assert.Equal(new DateOnly(2026, 11, 27), ChinaTime.TradeDate(new DateTimeOffset(2026, 11, 27, 15, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 28), ChinaTime.TradeDate(new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void StartOf_ADay_Is1600UtcTheDayBefore_AndBelongsToThatTradeDate()
    {
        var start = ChinaTime.StartOf(new DateOnly(2026, 12, 1));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateOnly(2026, 12, 1), ChinaTime.TradeDate(start));
        Assert.Equal(new DateOnly(2026, 11, 30), ChinaTime.TradeDate(start.AddTicks(-1)));
    }

    [Fact]
    public void SignatureTimestamp_IsChinaTime_WhateverTheInstantsOffset()
    {
        var instant = new DateTimeOffset(2026, 11, 27, 2, 30, 0, TimeSpan.FromHours(-5));
        Assert.Equal("20261127153000", ChinaTime.SignatureTimestamp(instant));
        Assert.True(ChinaTime.TryParseSignatureTimestamp("20261127153000", out var parsed));
        Assert.Equal(instant, parsed);
        Assert.False(ChinaTime.TryParseSignatureTimestamp("2026112715300", out _));
        Assert.False(ChinaTime.TryParseSignatureTimestamp("20261327153000", out _));
    }

    [Theory]
    [InlineData("2026-12-31T16:00:00Z", "1231", "2026-12-31")] // 00:00 on 1 January in China: a 12-31 hold is last year's
    [InlineData("2027-01-02T02:00:00Z", "1231", "2026-12-31")]
    [InlineData("2026-12-31T15:59:59Z", "0101", "2027-01-01")] // 23:59:59 on 31 December: an answer dated 01-01 is next year's
    [InlineData("2026-11-27T07:30:00Z", "1127", "2026-11-27")]
    [InlineData("2027-03-01T07:30:00Z", "0229", "2028-02-29")] // no 29 February in 2027; the nearest is 2028
    public void TryResolveMonthDay_PicksTheNearestYear(string reference, string monthDay, string expected)
    {
        Assert.True(ChinaTime.TryResolveMonthDay(monthDay, DateTimeOffset.Parse(reference, System.Globalization.CultureInfo.InvariantCulture), out var date));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData("1327")]
    [InlineData("0132")]
    [InlineData("12")]
    [InlineData("ab12")]
    [InlineData(null)]
    public void TryResolveMonthDay_RejectsWhatIsNotADate(string? monthDay)
    {
        Assert.False(ChinaTime.TryResolveMonthDay(monthDay, DateTimeOffset.UnixEpoch, out _));
    }

    [Fact]
    public void TryCombine_GivesTheChinaInstant()
    {
        Assert.True(ChinaTime.TryCombine(new DateOnly(2026, 12, 31), "235959", out var instant));
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 15, 59, 59, TimeSpan.Zero), instant);
        Assert.False(ChinaTime.TryCombine(new DateOnly(2026, 12, 31), "246000", out _));
    }
}
