using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;

namespace PosLink.Tests.Support;

/// <summary>Real staff records behind <see cref="TestSignIn"/>'s users ("test-Admin", …), with a store for the manager.</summary>
public static class TestStaff
{
    public static async Task CreateForTestSignInAsync(IServiceProvider services)
    {
        var admin = Actor.For("setup", "setup", [StaffRole.Admin], []);
        var terminals = services.GetRequiredService<TerminalService>();
        var merchant = (await terminals.RegisterMerchantAsync(admin, "898310148160568", "示例")).Unwrap();
        var store = (await terminals.RegisterStoreAsync(admin, merchant.Id, "静安店")).Unwrap();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        foreach (var role in StaffRole.All)
        {
            var user = new StaffUser { Id = "test-" + role, UserName = $"{role.ToLowerInvariant()}@poslink.test", Email = $"{role.ToLowerInvariant()}@poslink.test", DisplayName = role };
            if (role == StaffRole.StoreManager)
            {
                user.Stores.Add(new StoreAssignment { UserId = user.Id, StoreId = store.Id });
            }
            var created = await users.CreateAsync(user, "a long test passphrase");
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }
    }
}
