using PosLink.Domain.Common;

namespace PosLink.Tests.Domain;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(0, "¥0.00")]
    [InlineData(5, "¥0.05")]
    [InlineData(123456, "¥1,234.56")]
    [InlineData(10_000_000, "¥100,000.00")]
    [InlineData(-100, "-¥1.00")]
    public void Yuan_FormatsFenExactly(long fen, string text) => Assert.Equal(text, Money.Yuan(fen));

    [Theory]
    [InlineData("1234", 123400)]
    [InlineData("1,234.5", 123450)]
    [InlineData("¥12.34", 1234)]
    [InlineData(" 0.01 ", 1)]
    [InlineData("0.1", 10)]
    [InlineData("99999999.99", 9999999999)]
    public void TryParseYuan_ReadsFenWithoutFloatingPoint(string text, long fen)
    {
        Assert.True(Money.TryParseYuan(text, out var parsed));
        Assert.Equal(fen, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.234")]
    [InlineData("1.")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("1e3")]
    public void TryParseYuan_RefusesWhatIsNotAnAmount(string text) => Assert.False(Money.TryParseYuan(text, out _));
}
