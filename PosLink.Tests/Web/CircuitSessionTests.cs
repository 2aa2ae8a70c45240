using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Identity;

namespace PosLink.Tests.Web;

/// <summary>
/// An open tab (a circuit) sends no HTTP requests, so its session is checked where it lives: by the circuit's
/// authentication state, every minute of the app's clock.
/// </summary>
public sealed class CircuitSessionTests : IAsyncLifetime
{
    private readonly PosLinkAppFactory _app = new();

    public async Task InitializeAsync()
    {
        _app.StartOnKestrel();
        await TestStaff.CreateForTestSignInAsync(_app.Services);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A circuit's provider with the principal a sign-in would have given it.</summary>
    private async Task<(AsyncServiceScope Scope, StaffAuthenticationStateProvider Provider, string SessionId)> OpenTabAsync()
    {
        var scope = _app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
        var user = (await signIn.UserManager.FindByIdAsync("test-" + StaffRole.Finance))!;
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var security = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value;
        SessionClaims.Shape(principal, null, _app.Time.GetUtcNow(), security);
        // What the cookie handler does at sign-in.
        _app.Services.GetRequiredService<SessionRegistry>().Touch(SessionClaims.Id(principal)!);
        var provider = (StaffAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return (scope, provider, SessionClaims.Id(principal)!);
    }

    private static async Task<bool> SignedInAsync(AuthenticationStateProvider provider) =>
        (await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated == true;

    /// <summary>Moves the clock a minute at a time, letting each minute's check finish.</summary>
    private async Task MinutesPassAsync(StaffAuthenticationStateProvider provider, int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            _app.Time.Advance(TimeSpan.FromMinutes(1));
            await provider.CheckAsync();
        }
    }

    [Fact]
    public async Task AnIdleTab_IsSignedOut_AfterTheIdleTime()
    {
        var (scope, provider, _) = await OpenTabAsync();
        await using var _ = scope;
        await MinutesPassAsync(provider, 29);
        Assert.True(await SignedInAsync(provider));
        await MinutesPassAsync(provider, 2);
        Assert.False(await SignedInAsync(provider));
    }

    [Fact]
    public async Task ATabInUse_StaysSignedIn_UntilTheSessionHoursEnd()
    {
        var (scope, provider, session) = await OpenTabAsync();
        await using var _ = scope;
        var sessions = _app.Services.GetRequiredService<SessionRegistry>();
        for (var quarter = 0; quarter < 12 * 4 - 1; quarter++)
        {
            await MinutesPassAsync(provider, 15);
            // A click on the page: session.js reports it, the cookie handler records it.
            sessions.Touch(session);
        }
        Assert.True(await SignedInAsync(provider));
        await MinutesPassAsync(provider, 16);
        Assert.False(await SignedInAsync(provider));
    }

    [Fact]
    public async Task ADisabledAccount_IsSignedOutOfItsOpenTab_WithinAMinute()
    {
        var (scope, provider, _) = await OpenTabAsync();
        await using var _ = scope;
        (await _app.Services.GetRequiredService<StaffService>().SetDisabledAsync(Actor.System, "test-" + StaffRole.Finance, true)).Unwrap();
        await MinutesPassAsync(provider, 1);
        Assert.False(await SignedInAsync(provider));
    }

    [Fact]
    public async Task TheChecks_RunOnTheAppsClock_ByThemselves()
    {
        var (scope, provider, _) = await OpenTabAsync();
        await using var _ = scope;
        _app.Time.Advance(TimeSpan.FromMinutes(31));
        await Eventually.TrueAsync(async () => !await SignedInAsync(provider), "the timer's check signing the tab out");
    }
}
