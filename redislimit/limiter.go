// Package redislimit is a sellercenter.Limiter kept in Redis, so that every
// process of one seller shares the API's budget of requests per second: an
// order-sync service and a stock-sync job of the same seller, each with its
// own client, together stay under the limit instead of each taking all of it.
//
// It is a module of its own, so the library's dependencies stay as they are;
// only a program that imports it gets github.com/redis/go-redis/v9.
//
//	lim, err := redislimit.New(redislimit.Config{
//		Client: redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"}),
//		Seller: "4089", // the same in every process of the seller
//	})
//	if err != nil { ... }
//	c, err := sellercenter.New(sellercenter.Config{..., Limiter: lim})
//
// The budget is one key per seller holding the generic cell rate
// algorithm's state, updated by one Lua script, so Redis runs each
// permission atomically, on its own clock, whatever the number of processes
// and however far apart their clocks are.
package redislimit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/internal/backoff"
)

// DefaultKeyPrefix is prefixed to Config.Seller to make the Redis key of
// the seller's budget when Config.KeyPrefix is empty.
const DefaultKeyPrefix = "sellercenter:ratelimit:"

// ErrInvalidConfig is the class of every error of New about its Config.
var ErrInvalidConfig = errors.New("redislimit: invalid config")

// ErrUnavailable is the class of the errors of Wait when Redis cannot be
// reached or refuses the script. Wait then fails closed: the call is not
// sent, since letting every process go ahead unpaced is what gets a seller
// 429s. Config.Fallback makes it fail open instead.
var ErrUnavailable = errors.New("redislimit: Redis unavailable")

// Config configures a Limiter.
type Config struct {
	// Client is the Redis client (a *redis.Client, *redis.ClusterClient or
	// *redis.Ring). Its timeouts bound each permission; Wait also honours
	// its ctx. Required.
	Client redis.Scripter

	// Seller names the budget: every process that uses the same Seller (and
	// KeyPrefix) on the same Redis shares one limit. Use the seller's id or
	// the client id of its OAuth application. Required.
	Seller string

	// KeyPrefix is prefixed to Seller to make the Redis key; empty means
	// DefaultKeyPrefix.
	KeyPrefix string

	// Rate is the most requests per second all processes of the seller
	// start together; zero means sellercenter.DefaultRateLimit, the API's
	// limit. It must be positive and finite.
	Rate float64

	// Burst is how many requests may start at once after an idle spell;
	// zero means 1, which keeps the seller within Rate in every second. A
	// larger burst lets up to Burst-1 more start in a second: unlike the
	// client's own limiter, this one keeps no rolling second.
	Burst int

	// Fallback, if not nil, is waited on instead when Redis fails (fail
	// open), such as a *rate.Limiter at Rate divided by the number of
	// processes; nil fails the call with ErrUnavailable (fail closed).
	Fallback sellercenter.Limiter
}

// Limiter paces requests on a budget kept in Redis. It implements
// sellercenter.Limiter; its methods are safe for concurrent use.
type Limiter struct {
	client    redis.Scripter
	seller    string
	key       string
	interval  int64 // microseconds between two requests
	tolerance int64 // microseconds the budget may run ahead: (Burst-1) intervals
	fallback  sellercenter.Limiter
}

var _ sellercenter.Limiter = (*Limiter)(nil)

// New returns the Limiter of cfg. It checks cfg and sends nothing to Redis.
func New(cfg Config) (*Limiter, error) {
	switch {
	case cfg.Client == nil:
		return nil, fmt.Errorf("%w: Client is nil", ErrInvalidConfig)
	case strings.TrimSpace(cfg.Seller) == "":
		return nil, fmt.Errorf("%w: Seller is empty", ErrInvalidConfig)
	case math.IsNaN(cfg.Rate) || math.IsInf(cfg.Rate, 0) || cfg.Rate < 0:
		return nil, fmt.Errorf("%w: Rate %v; want a positive, finite number of requests per second (0 for %v)", ErrInvalidConfig, cfg.Rate, sellercenter.DefaultRateLimit)
	case cfg.Burst < 0:
		return nil, fmt.Errorf("%w: Burst %d is negative", ErrInvalidConfig, cfg.Burst)
	}
	rate := cfg.Rate
	if rate == 0 {
		rate = sellercenter.DefaultRateLimit
	}
	if rate > 1e6 || rate < 1e-6 {
		// The budget counts whole microseconds, up to about 11 days.
		return nil, fmt.Errorf("%w: Rate %v; want from one request in 11 days (1e-6) to 1e6 per second", ErrInvalidConfig, cfg.Rate)
	}
	// Rounded up to whole microseconds, so the pace is never above Rate.
	interval := int64(math.Ceil(1e6 / rate))
	burst := max(cfg.Burst, 1)
	prefix := cfg.KeyPrefix
	if prefix == "" {
		prefix = DefaultKeyPrefix
	}
	return &Limiter{
		client:    cfg.Client,
		seller:    cfg.Seller,
		key:       prefix + cfg.Seller,
		interval:  interval,
		tolerance: int64(burst-1) * interval,
		fallback:  cfg.Fallback,
	}, nil
}

// gcra takes the next request of a budget, as the generic cell rate
// algorithm does: the key holds the theoretical arrival time (TAT), in
// microseconds of Redis's clock, after which the budget is full again.
// KEYS[1] is the key; ARGV the interval, the tolerance and the longest wait
// the caller accepts (-1 for any), all in microseconds. It answers {delay,
// 1, slot}, the request reserved at slot, delay from now, or {delay, 0, 0}
// when the delay is longer than the caller accepts, reserving nothing. The
// key expires once the budget is full again, so idle sellers cost nothing.
var gcra = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local maxwait = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local delay = tat - tolerance - now
if delay < 0 then delay = 0 end
if maxwait >= 0 and delay > maxwait then return {delay, 0, 0} end
local newtat = tat + interval
redis.call('SET', KEYS[1], string.format('%d', newtat), 'PX', math.ceil((newtat - now) / 1000) + 1000)
return {delay, 1, now + delay}
`)

// reservation is one answer of gcra.
type reservation struct {
	delay    time.Duration
	reserved bool
	slot     int64 // microseconds of Redis's clock at which the request may start
}

// reserve runs gcra for one request that waits at most maxWait (negative
// for any wait).
func (l *Limiter) reserve(ctx context.Context, maxWait time.Duration) (reservation, error) {
	limit := int64(-1)
	if maxWait >= 0 {
		limit = maxWait.Microseconds()
	}
	v, err := gcra.Run(ctx, l.client, []string{l.key}, l.interval, l.tolerance, limit).Int64Slice()
	if err != nil {
		return reservation{}, err
	}
	if len(v) != 3 {
		return reservation{}, fmt.Errorf("the limiter script answered %d values, want 3", len(v))
	}
	return reservation{delay: time.Duration(v[0]) * time.Microsecond, reserved: v[1] == 1, slot: v[2]}, nil
}

// Wait returns once the seller's budget lets one more request start, or an
// error: ctx's when it ends first (at once, reserving nothing, when the wait
// would pass ctx's deadline), or one matching ErrUnavailable when Redis
// fails and there is no Fallback. A wait that ctx cuts short leaves its
// request's place in the budget unused, never given to two requests.
func (l *Limiter) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("redislimit: waiting for seller %q: %w", l.seller, err)
	}
	maxWait := time.Duration(-1)
	if deadline, ok := ctx.Deadline(); ok {
		maxWait = max(time.Until(deadline), 0)
	}
	r, err := l.reserve(ctx, maxWait)
	switch {
	case err != nil && ctx.Err() != nil:
		return fmt.Errorf("redislimit: waiting for seller %q: %w", l.seller, ctx.Err())
	case err != nil && l.fallback != nil:
		return l.fallback.Wait(ctx)
	case err != nil:
		return fmt.Errorf("%w: taking a request of seller %q from key %q: %w", ErrUnavailable, l.seller, l.key, err)
	case !r.reserved:
		return fmt.Errorf("redislimit: the next request of seller %q may start in %v, after the ctx deadline: %w", l.seller, r.delay, context.DeadlineExceeded)
	}
	if err := backoff.Sleep(ctx, r.delay); err != nil {
		return fmt.Errorf("redislimit: waiting for seller %q: %w", l.seller, err)
	}
	return nil
}
