using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PosLink.Domain.Staff;

namespace PosLink.Web.Identity;

/// <summary>
/// The signed-in user of an open circuit (a tab), checked again every minute on the app's clock: a tab idle for
/// <see cref="SecurityOptions.IdleMinutes"/>, a session past <see cref="SecurityOptions.SessionHours"/>, a changed
/// security stamp (role, stores, password) or a disabled account ends the session on the page itself, which then
/// shows the sign-in page. A circuit sends no HTTP requests, so the cookie's own expiry alone would never reach it.
/// </summary>
public sealed partial class StaffAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly IServiceScopeFactory _scopes;
    private readonly SessionRegistry _sessions;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<SecurityOptions> _security;
    private readonly IOptions<IdentityOptions> _identity;
    private readonly ILogger<StaffAuthenticationStateProvider> _logger;
    private ITimer? _timer;
    private AuthenticationState? _current;
    private int _checking;

    public StaffAuthenticationStateProvider(IServiceScopeFactory scopes, SessionRegistry sessions, TimeProvider time, IOptionsMonitor<SecurityOptions> security,
        IOptions<IdentityOptions> identity, ILogger<StaffAuthenticationStateProvider> logger)
    {
        (_scopes, _sessions, _time, _security, _identity, _logger) = (scopes, sessions, time, security, identity, logger);
        // The framework sets the circuit's user from the connection's cookie; checking starts then.
        AuthenticationStateChanged += OnChanged;
    }

    private async void OnChanged(Task<AuthenticationState> changed)
    {
        try
        {
            var state = await changed;
            if (state.User.Identity?.IsAuthenticated == true && !ReferenceEquals(state, SignedOut))
            {
                _current = state;
                _timer ??= _time.CreateTimer(_ => _ = CheckAsync(), null, CheckInterval, CheckInterval);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogCheckFailed(ex);
        }
    }

    /// <summary>One check: the session is still current and its account unchanged; otherwise the tab is signed out.</summary>
    public async Task CheckAsync()
    {
        if (_current is not { } state || Interlocked.Exchange(ref _checking, 1) == 1)
        {
            return;
        }
        try
        {
            if (!await IsValidAsync(state.User))
            {
                _current = null;
                _timer?.Dispose();
                if (SessionClaims.Id(state.User) is { } id)
                {
                    _sessions.End(id);
                }
                var userId = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
                LogSignedOut(userId);
                base.SetAuthenticationState(Task.FromResult(SignedOut));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A database hiccup is not a reason to sign anyone out; the next minute checks again.
            LogCheckFailed(ex);
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }

    private async Task<bool> IsValidAsync(ClaimsPrincipal principal)
    {
        var settings = _security.CurrentValue;
        if (SessionClaims.Id(principal) is not { } id || SessionClaims.Start(principal) is not { } start ||
            _time.GetUtcNow() - start >= settings.Lifetime || !_sessions.IsLive(id, settings.Idle))
        {
            return false;
        }
        await using var scope = _scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled)
        {
            return false;
        }
        var stamp = principal.FindFirstValue(_identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= OnChanged;
        _timer?.Dispose();
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Session of {UserId} ended in an open tab (idle, too old, or the account changed)")]
    private partial void LogSignedOut(string? userId);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Session check failed; retried in a minute")]
    private partial void LogCheckFailed(Exception exception);
}
