package main

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
)

func (c *cli) usersCommand() *cobra.Command {
	return groupCommand("users", "List the users of the seller", c.usersListCommand())
}

func (c *cli) usersListCommand() *cobra.Command {
	var (
		query                       string
		excludeInactive, sellerOnly bool
		page                        = pageLimit{what: "users"}
	)
	var cmd *cobra.Command
	cmd = &cobra.Command{
		Use:   "list",
		Short: "List the users the credentials may see",
		Long: `List the users the credentials may see, with each one's role (its name
and id in the table; the id alone when the credentials may not list roles,
and in JSON, as the API sends it). Without --all it shows the first
--limit users and says on stderr when more follow. Legacy API keys, which
the API sends to admin callers, are never printed.`,
		Example: `  sellercenter users list
  sellercenter users list --query example.com --active -o json
  sellercenter users list --seller-roles --all -o jsonl`,
		Args: cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			if err := page.check(cmd); err != nil {
				return err
			}
			params := gen.ListUsersParams{Query: strings.TrimSpace(query), ExcludeInactive: excludeInactive,
				ExcludeAdmins: sellerOnly, Limit: page.pageSize()}
			client, err := c.api()
			if err != nil {
				return err
			}
			roles := c.roleNames(ctx, client)
			l := newList(c, []string{"ID", "NAME", "EMAIL", "ROLE", "STATUS", "PASSWORD", "SWITCHABLE SELLERS"}, func(u gen.User) []string {
				role := idText(u.AclRoleId)
				if name := roles[u.AclRoleId]; name != "" {
					role = name + " (" + role + ")"
				}
				return []string{idText(u.Id), u.Name, u.Email, role, string(u.Status), yesNo(u.EnablePassword),
					strconv.Itoa(len(u.SwitchableSellers))}
			})
			return printPaged(c, l, &page, withoutAPIKeys(client.Users(ctx, params)))
		}),
	}
	cmd.Flags().StringVar(&query, "query", "", "only users whose name or email contains this text")
	cmd.Flags().BoolVar(&excludeInactive, "active", false, "only active users")
	cmd.Flags().BoolVar(&sellerOnly, "seller-roles", false, "only users whose role is of the seller group (no admins)")
	page.register(cmd)
	return cmd
}

// roleNames maps role ids to names for the table, from one listRoles call.
// Credentials without the roles resource get ids only, and a line on
// stderr says why; JSON output needs no names and makes no call.
func (c *cli) roleNames(ctx context.Context, client *sellercenter.Client) map[int]string {
	if c.output != formatTable {
		return nil
	}
	list, err := sellercenter.Result(client.ListRolesWithResponse(ctx))
	if err != nil {
		fmt.Fprintf(c.errWriter(), "sellercenter: role names unavailable, showing role ids: %v\n", err)
		return nil
	}
	names := make(map[int]string, len(*list))
	for _, r := range *list {
		names[r.Id] = r.Name
	}
	return names
}

// withoutAPIKeys blanks each user's legacy API key, a secret the CLI never
// prints.
func withoutAPIKeys(seq iter.Seq2[gen.User, error]) iter.Seq2[gen.User, error] {
	return func(yield func(gen.User, error) bool) {
		for u, err := range seq {
			u.ApiKey = ""
			if !yield(u, err) {
				return
			}
		}
	}
}
