using System.Globalization;
using Bunit;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Components.Shared;

namespace PosLink.Tests.Components;

/// <summary>
/// A page reloads for a change in its own reader's language, whoever published the change: a Chinese manager's
/// completion, or a sweep, must not turn an English page Chinese (found by the language crawl on a busy CI run).
/// </summary>
public sealed class LiveCultureTests : IAsyncLifetime
{
    private PageHarness _p = default!;

    public async Task InitializeAsync() => _p = await PageHarness.CreateAsync("en");

    public async Task DisposeAsync() => await _p.DisposeAsync();

    [Fact]
    public async Task AnEnglishPage_ReloadedForAChangePublishedInChinese_StaysEnglish()
    {
        var hold = await _p.Ledger.HeldAsync();
        var stays = await _p.Ledger.HeldAsync(30_000, "134567890123456700");
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.RenderHolds();
        Assert.Contains("Held", page.Find($"tr[data-id='{hold}']").TextContent, StringComparison.Ordinal);

        // Published from a Chinese reader's thread, as their circuit's command would; a second later the page reloads.
        var chinese = new CultureInfo("zh-CN");
        _p.Ledger.Time.Advance(LivePage.MinimumInterval);
        await Task.Run(() =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = chinese;
            (_p.Ledger.Guarantees.VoidAsync(_p.Ledger.JinganManager, hold, "checked out").GetAwaiter().GetResult()).Unwrap();
            _p.Feed.Publish(new GuaranteeChanged(hold, _p.Ledger.Jingan.StoreId, GuaranteeStatus.Voided));
        });

        // The voided hold leaves the open holds; the rest is rendered again, in English.
        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"tr[data-id='{hold}']")));
        Assert.Contains("Held", page.Find($"tr[data-id='{stays}']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("担保中", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("合计", page.Markup, StringComparison.Ordinal);
    }
}
