package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/oneline"
)

// withSellerAccount adds the seller-account subcommands to the seller
// command and returns it.
func (c *cli) withSellerAccount(seller *cobra.Command) *cobra.Command {
	seller.AddCommand(c.sellerSettingsCommand())
	return seller
}

func (c *cli) sellerSettingsCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "settings [KEY...]",
		Short: "Show the instance's configuration and the seller's settings",
		Long: `Show the instance's configuration and the seller's settings, one key per row,
sorted by key; with KEYs, only those. Keys and their meaning differ between
instances and releases. A value that is not text is shown as JSON; with
-o json the settings are one object, each value as the API sent it.`,
		Example: `  sellercenter seller settings
  sellercenter seller settings daily_order_limit format/date
  sellercenter seller settings -o json`,
		RunE: c.action(func(ctx context.Context, keys []string) error {
			client, err := c.api()
			if err != nil {
				return err
			}
			resp, err := sellercenter.Result(client.GetSellerSettingsWithResponse(ctx))
			if err != nil {
				return err
			}
			settings, err := pickSettings(*resp, keys)
			if err != nil {
				return err
			}
			return c.printObject(settings, func(w io.Writer) error {
				if err := writeRow(w, "KEY", "VALUE"); err != nil {
					return err
				}
				for _, k := range slices.Sorted(maps.Keys(settings)) {
					v, err := settingText(settings[k])
					if err != nil {
						return err
					}
					if err := writeRow(w, k, v); err != nil {
						return err
					}
				}
				return nil
			})
		}),
	}
}

// pickSettings returns the settings named by keys, or all of them when
// there are none; a key the API did not send is an error naming it.
func pickSettings(all gen.SellerSettings, keys []string) (gen.SellerSettings, error) {
	if len(keys) == 0 {
		return all, nil
	}
	out := gen.SellerSettings{}
	var missing []string
	for _, k := range keys {
		v, ok := all[k]
		if !ok {
			missing = append(missing, oneline.Quote(k))
			continue
		}
		out[k] = v
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("sellercenter: the API sent no setting %s", strings.Join(missing, ", "))
	}
	return out, nil
}

// settingText shows a setting's value in a table cell: text as it is, any
// other value (null, numbers, lists, objects) as JSON.
func settingText(v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	b, err := encodeJSON(v, "", "")
	return string(b), err
}
