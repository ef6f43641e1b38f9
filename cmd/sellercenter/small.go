package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
)

// versionLine is what --version and the version command print.
const versionLine = "sellercenter version " + sellercenter.Version + "\n"

func (c *cli) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of the tool",
		Example: `  sellercenter version
  sellercenter --version`,
		Args: cobra.NoArgs,
		RunE: c.action(func(context.Context, []string) error {
			v := struct {
				Version string `json:"version"`
			}{sellercenter.Version}
			return c.printObject(v, func(w io.Writer) error {
				_, err := io.WriteString(w, versionLine)
				return err
			})
		}),
	}
}

// guardGroups makes every command below root that only groups others fail
// on an unknown subcommand, with suggestions: cobra checks for unknown
// subcommands only under the root, so "orders lst" would otherwise print
// help and succeed.
func guardGroups(root *cobra.Command) {
	for _, cmd := range root.Commands() {
		if cmd.HasSubCommands() && !cmd.Runnable() {
			cmd.Args = cobra.ArbitraryArgs
			cmd.RunE = runGroup
			// Cobra's own default, which it sets only on the root.
			cmd.SuggestionsMinimumDistance = 2
		}
		guardGroups(cmd)
	}
}

// runGroup is the action of a command that only groups others.
func runGroup(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cmd.Help()
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		return usagef("unknown command %q for %q; did you mean: %s", args[0], cmd.CommandPath(), strings.Join(s, ", "))
	}
	return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
}

// singular is the singular of a regular plural noun: "product sets" is
// "product set".
func singular(many string) string { return strings.TrimSuffix(many, "s") }

// moreFollow says on w that a list stopped at its --limit of n items (many
// is their regular plural) while more follow.
func moreFollow(w io.Writer, n int, many string) {
	first := "the first " + singular(many)
	if n != 1 {
		first = fmt.Sprintf("the first %d %s", n, many)
	}
	fmt.Fprintf(w, "sellercenter: showing %s; more follow (use --all or a larger --limit)\n", first)
}

// cancelReason returns the name of the cancellation reason that reason
// names, ignoring case and surrounding blanks: the API matches names
// exactly, and a person types "out of stock".
func cancelReason(ctx context.Context, client *sellercenter.Client, reason string) (string, error) {
	resp, err := sellercenter.Result(client.ListFailureReasonsWithResponse(ctx))
	if err != nil {
		return "", fmt.Errorf("looking up --reason: %w", err)
	}
	reason = strings.TrimSpace(reason)
	var names []string
	for _, r := range *resp {
		if r.Type != gen.FailureReasonTypeCanceled {
			continue
		}
		if strings.EqualFold(r.Name, reason) {
			return r.Name, nil
		}
		names = append(names, strconv.Quote(r.Name))
	}
	return "", usagef("--reason %q is not a cancellation reason; use one of %s, as 'sellercenter failure-reasons' lists", reason, strings.Join(names, ", "))
}

// maxPageLimit is the largest page the API serves for the lists whose
// --limit is one page (orders, manifests, webhook deliveries).
const maxPageLimit = sellercenter.DefaultPageSize

// clampLimit returns limit, or the API's maximum max when limit is above
// it, saying so on stderr: the API would cut the page anyway, or refuse it.
func (c *cli) clampLimit(limit, max int) int {
	if limit <= max {
		return limit
	}
	fmt.Fprintf(c.stderr, "sellercenter: --limit %d is above the API's maximum page of %d: asking for %d\n", limit, max, max)
	return max
}
