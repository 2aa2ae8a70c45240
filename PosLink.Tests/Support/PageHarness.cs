using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;
using PosLink.Domain;
using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Web.Components.Pages.Guarantees;
using PosLink.Web.Components.Shared;
using PosLink.Web.Identity;

namespace PosLink.Tests.Support;

/// <summary>
/// Pages rendered by bUnit over the real domain on SQLite (a <see cref="LedgerHarness"/>), the scripted gateway and
/// MudBlazor's services, signed in as a real member of staff of the harness's stores.
/// </summary>
public sealed class PageHarness : IAsyncDisposable
{
    private readonly CultureInfo _culture;

    private PageHarness(LedgerHarness ledger, BunitContext context, CultureInfo culture)
    {
        Ledger = ledger;
        Context = context;
        _culture = culture;
    }

    public LedgerHarness Ledger { get; }
    public BunitContext Context { get; }
    public string AdminId { get; private set; } = "";
    public string JinganManagerId { get; private set; } = "";
    public string PudongManagerId { get; private set; } = "";
    public string FinanceId { get; private set; } = "";

    public GuaranteeChangeFeed Feed => Context.Services.GetRequiredService<GuaranteeChangeFeed>();

    public static async Task<PageHarness> CreateAsync(string culture = "zh-CN", DateTimeOffset? start = null)
    {
        var ledger = await LedgerHarness.CreateAsync(start);
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = context.Services;
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        services.AddLogging();
        services.AddSingleton<TimeProvider>(ledger.Time);
        services.AddSingleton(ledger.Connection);
        services.AddPosLinkDomain(new ConfigurationBuilder().Build());
        // The ledger's own factory, so that its test hooks (a busy database) reach the pages' services too.
        services.Replace(ServiceDescriptor.Singleton(ledger.Contexts));
        services.AddSingleton<IPosLinkGateway>(ledger.Gateway);
        services.AddSingleton<GuaranteeChangeFeed>();
        services.AddSingleton<SharedReads>();
        services.AddTransient<PosLink.Web.Components.Notifications.NotificationReads>();
        services.AddOptions<PosLink.Web.Jobs.JobOptions>();
        services.Replace(ServiceDescriptor.Singleton<IGuaranteeChanges>(sp => sp.GetRequiredService<GuaranteeChangeFeed>()));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddScoped<HoldActions>();
        services.AddScoped<PosLink.Web.Components.Pages.Approvals.ApprovalActions>();
        services.AddPosLinkPolicies();
        // The admin dashboard's job rows and sweep figures, over a job store of their own.
        services.AddSingleton<Hangfire.JobStorage>(new Hangfire.InMemory.InMemoryStorage());
        services.AddSingleton<PosLink.Web.Jobs.JobHealth>();
        services.AddSingleton<PosLink.Web.Jobs.SweepFigures>();

        var harness = new PageHarness(ledger, context, new CultureInfo(culture)) { _auth = context.AddAuthorization() };
        await harness.CreateStaffAsync();
        return harness;
    }

    private async Task CreateStaffAsync()
    {
        var staff = Context.Services.GetRequiredService<StaffService>();
        await staff.EnsureRolesAsync();
        const string password = "a long test passphrase";
        AdminId = (await staff.CreateAsync(Ledger.Admin, new StaffDraft("admin@poslink.test", "管理员", StaffRole.Admin, []), password)).Unwrap().Id;
        JinganManagerId = (await staff.CreateAsync(Ledger.Admin, new StaffDraft("jingan@poslink.test", "静安经理", StaffRole.StoreManager, [Ledger.Jingan.StoreId]), password)).Unwrap().Id;
        PudongManagerId = (await staff.CreateAsync(Ledger.Admin, new StaffDraft("pudong@poslink.test", "浦东经理", StaffRole.StoreManager, [Ledger.Pudong.StoreId]), password)).Unwrap().Id;
        FinanceId = (await staff.CreateAsync(Ledger.Admin, new StaffDraft("finance@poslink.test", "财务", StaffRole.Finance, []), password)).Unwrap().Id;
    }

    /// <summary>Signs in as the member with <paramref name="userId"/> in <paramref name="role"/>.</summary>
    public void SignInAs(string userId, string role) =>
        _auth.SetAuthorized(userId).SetRoles(role).SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));

    private BunitAuthorizationContext _auth = default!;

    /// <summary>Renders a page with MudBlazor's providers beside it, as the layout does.</summary>
    public IRenderedComponent<ContainerFragment> Render<TPage>(params (string Name, object? Value)[] parameters) where TPage : IComponent
    {
        // The page's language is the request culture, which a circuit keeps for its whole life.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = _culture;
        return Context.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(3);
            foreach (var (name, value) in parameters)
            {
                builder.AddAttribute(4, name, value);
            }
            builder.CloseComponent();
        });
    }

    /// <summary>
    /// Renders the holds page and waits for its first load to finish: its totals render after its rows, from another
    /// thread, so a test that clicks as soon as the rows show could find a button whose handler that render replaces.
    /// </summary>
    public IRenderedComponent<ContainerFragment> RenderHolds()
    {
        var page = Render<Holds>();
        page.WaitForElement("[data-testid=totals]");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Ledger.DisposeAsync();
    }
}
