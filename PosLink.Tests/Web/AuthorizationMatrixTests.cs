using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Identity;

namespace PosLink.Tests.Web;

/// <summary>Every routable page × anonymous / store manager / finance / admin, over real HTTP.</summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    // The policy each page is expected to declare. A new page must be added here, or PagesAreAllListed fails.
    private static readonly Dictionary<string, string?> Expected = new()
    {
        ["/"] = Policies.Staff,
        ["/guarantees"] = Policies.Staff,
        ["/guarantees/{Id:long}"] = Policies.Staff,
        ["/guarantees/{Id:long}/slip"] = Policies.Staff,
        ["/guarantees/new"] = Policies.Operate,
        ["/guarantees/find"] = Policies.Operate,
        ["/guarantees/attention"] = Policies.Operate,
        ["/bulk"] = Policies.Staff,
        ["/approvals"] = Policies.Staff,
        ["/admin/webhooks"] = Policies.Admin,
        ["/admin/webhooks/{Id:int}"] = Policies.Admin,
        ["/bulk/{Id:long}"] = Policies.Staff,
        ["/deposits/{Id:long}"] = Policies.Staff,
        ["/notifications"] = Policies.Staff,
        ["/handover"] = Policies.Staff,
        ["/finance"] = Policies.Finance,
        ["/finance/settlements"] = Policies.Finance,
        ["/finance/reconciliation"] = Policies.Finance,
        ["/finance/statements"] = Policies.Finance,
        ["/admin/terminals"] = Policies.Admin,
        ["/admin/staff"] = Policies.Admin,
        ["/admin/audit"] = Policies.Admin,
        ["/admin/gateway"] = Policies.Admin,
        ["/account/two-factor"] = Policies.SignedIn,
        ["/account/password"] = Policies.SignedIn,
        ["/account/login"] = null,
        ["/account/login-2fa"] = null,
        ["/forbidden"] = null,
        ["/not-found"] = null,
        ["/error"] = null,
    };

    private static readonly Dictionary<string, string[]> RolesOf = new()
    {
        [Policies.SignedIn] = [StaffRole.Admin, StaffRole.StoreManager, StaffRole.Finance],
        [Policies.Staff] = [StaffRole.Admin, StaffRole.StoreManager, StaffRole.Finance],
        [Policies.Operate] = [StaffRole.Admin, StaffRole.StoreManager],
        [Policies.Finance] = [StaffRole.Admin, StaffRole.Finance],
        [Policies.Admin] = [StaffRole.Admin],
    };

    private readonly PosLinkAppFactory _app = new PosLinkAppFactory().WithTestSignIn();
    private Uri _address = default!;

    public async Task InitializeAsync()
    {
        _address = _app.StartOnKestrel();
        await TestStaff.CreateForTestSignInAsync(_app.Services);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static IEnumerable<(Type Page, string Route)> RoutablePages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (t, r.Template)));

    [Fact]
    public void PagesAreAllListed_EachWithAnExplicitPolicyOrAllowAnonymous()
    {
        var pages = RoutablePages().ToList();
        Assert.Equal(Expected.Keys.Order(), pages.Select(p => p.Route).Order());
        foreach (var (page, route) in pages)
        {
            var policy = page.GetCustomAttribute<AuthorizeAttribute>()?.Policy;
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            Assert.True(policy is not null ^ anonymous, $"{route} must declare exactly one of [Authorize(Policy = …)] or [AllowAnonymous]");
            Assert.Equal(Expected[route], policy);
        }
    }

    public static TheoryData<string, string?> Cells()
    {
        var data = new TheoryData<string, string?>();
        foreach (var route in Expected.Keys)
        {
            foreach (var role in new string?[] { null, StaffRole.StoreManager, StaffRole.Finance, StaffRole.Admin })
            {
                data.Add(route, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Page_AnswersEachRoleAsExpected(string route, string? role)
    {
        var path = route.Replace("{Id:long}", "1", StringComparison.Ordinal).Replace("{Id:int}", "1", StringComparison.Ordinal);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_address, path.TrimStart('/')));
        if (role is not null)
        {
            request.Headers.Add(TestSignIn.RoleHeader, role);
        }
        using var response = await http.SendAsync(request);

        var policy = Expected[route];
        if (route == "/" && role == StaffRole.Finance)
        {
            // Finance's overview is the finance page: the dashboard sends them there rather than show it twice.
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/finance", response.Headers.Location!.AbsolutePath);
        }
        else if (route == "/account/login-2fa")
        {
            // Only reachable between a correct password and the code: everyone else is sent to sign in.
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        else if (policy is null || (role is not null && RolesOf[policy].Contains(role)))
        {
            Assert.True(response.StatusCode is HttpStatusCode.OK, $"{path} as {role ?? "anonymous"}: {response.StatusCode} {response.Headers.Location}");
        }
        else if (role is null)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/forbidden", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }
}
