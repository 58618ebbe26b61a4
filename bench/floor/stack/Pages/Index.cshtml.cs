using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace stack.Pages;

public class IndexModel(AppDbContext db) : PageModel
{
    public string Message { get; private set; } = "";
    public int ProductCount { get; private set; }

    public async Task OnGetAsync()
    {
        Message = "Hello";
        ProductCount = await db.Products.CountAsync();
    }
}
