package main

import (
	"context"
	"iter"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

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
		Long: `List the users the credentials may see, with the id of each one's role
(see the roles of the API's listRoles). Without --all it shows the first
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
			l := newList(c, []string{"ID", "NAME", "EMAIL", "ROLE", "STATUS", "PASSWORD", "SWITCHABLE SELLERS"}, func(u gen.User) []string {
				return []string{idText(u.Id), u.Name, u.Email, idText(u.AclRoleId), string(u.Status), yesNo(u.EnablePassword),
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
