package io.inkstream.command.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.AddReplyCommand;
import io.inkstream.api.reply.ApproveReplyCommand;
import io.inkstream.api.reply.EditReplyCommand;
import io.inkstream.api.reply.Moderation;
import io.inkstream.api.reply.ModerationRules;
import io.inkstream.api.reply.RejectReplyCommand;
import io.inkstream.api.reply.RemoveReplyCommand;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.api.reply.ReplyApproved;
import io.inkstream.api.reply.ReplyEdited;
import io.inkstream.api.reply.ReplyRejected;
import io.inkstream.api.reply.ReplyRemoved;
import io.inkstream.command.Refusals;
import io.inkstream.command.Refused;
import io.inkstream.command.author.Logins;
import io.inkstream.command.reply.Reply.Lookups;
import io.inkstream.platform.privacy.CommenterKeys;
import io.inkstream.platform.testing.PlainVault;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplyTest {

    private static final PostId POST = new PostId("p-1");
    private static final PostId OTHER_POST = new PostId("p-2");
    private static final ReplyId REPLY = new ReplyId("r-1");
    private static final ReplyId PARENT = new ReplyId("r-0");
    private static final AuthorId JON = new AuthorId("jon-ingham");
    private static final Actor JANE = new Actor("jane", false);
    /** Seals visibly: an anonymous reply's name is stored only sealed, under the reply's own key without an email. */
    private static final PlainVault VAULT = new PlainVault();
    private static final CommenterKeys KEYS = new CommenterKeys(
            new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
    /** Without an email, a commenter is known by the name they give. */
    private static final String JANE_BY_NAME = KEYS.ofName("Jane Hart");
    private static final ReplyAdded ANONYMOUS_REPLY = new ReplyAdded(REPLY, POST, null, "Agree",
            VAULT.seal(JANE_BY_NAME, "Jane Hart"), null, null, null, List.of(), null);
    private static final ReplyAdded JANES_REPLY = new ReplyAdded(REPLY, POST, null, "Agree", "jane", null, null, "jane", List.of(), "login:jane");

    private final Map<PostId, Lookups.PostStatus> posts = new HashMap<>();
    private final Map<ReplyId, PostId> replies = new HashMap<>();
    private final Set<String> approved = new HashSet<>();
    private ModerationRules rules = ModerationRules.NONE;
    private AggregateTestFixture<Reply> fixture;

    @BeforeEach
    void setUp() {
        posts.put(POST, new Lookups.PostStatus(JON, true, false, null));
        posts.put(OTHER_POST, new Lookups.PostStatus(JON, true, false, null));
        replies.put(PARENT, POST);
        fixture = fixture(Moderation.OPEN);
    }

    /** A fixture on a site moderated so. */
    private AggregateTestFixture<Reply> fixture(Moderation site) {
        AggregateTestFixture<Reply> fixture = new AggregateTestFixture<>(Reply.class);
        fixture.registerInjectableResource(new Logins() {
            @Override
            public void claim(AuthorId authorId, String passwordHash) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean taken(String login) {
                return login.equals("jane") || login.equals("admin");
            }
        });
        Lookups lookups = new Lookups() {
            @Override
            public Optional<PostStatus> post(PostId postId) {
                return Optional.ofNullable(posts.get(postId));
            }

            @Override
            public boolean exists(ReplyId replyId) {
                return replies.containsKey(replyId);
            }

            @Override
            public Optional<PostId> postOf(ReplyId replyId) {
                return Optional.ofNullable(replies.get(replyId));
            }

            @Override
            public Optional<ReplyAdded> added(ReplyId replyId) {
                return postOf(replyId).map(post -> new ReplyAdded(replyId, post, null, "Earlier", "Jane", null, null, null, List.of(), null));
            }

            @Override
            public ModerationRules rules() {
                return rules;
            }
        };
        Commenters commenters = new Commenters() {
            @Override
            public String key(Actor actor, String email) {
                return !actor.anonymous() ? "login:" + actor.login() : email == null ? null : "email:" + email;
            }

            @Override
            public boolean approved(String key) {
                return approved.contains(key);
            }

            @Override
            public void approve(String key) {
                approved.add(key);
            }

            @Override
            public void forget(String key) {
                approved.remove(key);
            }
        };
        fixture.registerInjectableResource(VAULT);
        fixture.registerInjectableResource(KEYS);
        fixture.registerInjectableResource(lookups);
        fixture.registerInjectableResource(commenters);
        fixture.registerInjectableResource(new Holding(site, lookups, commenters));
        return fixture;
    }

    private static AddReplyCommand anonymous(PostId post, ReplyId parent) {
        return new AddReplyCommand(REPLY, post, parent, "Agree", "Jane Hart", null, null, Actor.ANONYMOUS);
    }

    @Test
    void anonymousReaderReplies() {
        fixture.givenNoPriorActivity()
                .when(anonymous(POST, null))
                .expectEvents(ANONYMOUS_REPLY)
                .expectResultMessagePayload(List.of());
    }

    @Test
    void aCommentersNameEmailAndUrlAreStoredOnlySealedUnderTheirKey() {
        fixture.givenNoPriorActivity()
                .when(new AddReplyCommand(REPLY, POST, null, "Agree", "Jane Hart", "jane@example.com",
                        "https://jane.example", Actor.ANONYMOUS))
                .expectEvents(new ReplyAdded(REPLY, POST, null, "Agree",
                        "sealed/email:jane@example.com/1/Jane Hart",
                        "sealed/email:jane@example.com/1/jane@example.com",
                        "sealed/email:jane@example.com/1/https://jane.example", null, List.of(),
                        "email:jane@example.com"));
    }

    @Test
    void replyUnderAReplyOfTheSamePost() {
        fixture.givenNoPriorActivity()
                .when(anonymous(POST, PARENT))
                .expectEvents(new ReplyAdded(REPLY, POST, PARENT, "Agree", VAULT.seal(JANE_BY_NAME, "Jane Hart"), null, null, null,
                        List.of(), null));
    }

    @Test
    void loggedInAuthorRepliesUnderItsLogin() {
        fixture.givenNoPriorActivity()
                .when(new AddReplyCommand(REPLY, POST, null, "Agree", null, null, null, JANE))
                .expectEvents(JANES_REPLY);
    }

    @Test
    void anAuthorsGivenNameIsNotShownTheirLoginIs() {
        fixture.givenNoPriorActivity()
                .when(new AddReplyCommand(REPLY, POST, null, "Agree", "Someone Else", null, null, JANE))
                .expectEvents(JANES_REPLY);
    }

    @Test
    void aReaderMayNotTakeTheNameOfAnAuthorsLoginOrOfTheAdmin() {
        for (String name : new String[] {"jane", " Jane ", "ADMIN"}) {
            fixture.givenNoPriorActivity()
                    .when(new AddReplyCommand(REPLY, POST, null, "Agree", name, null, null, Actor.ANONYMOUS))
                    .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                    .expectNoEvents();
        }
    }

    @Test
    void controlCharactersInANameOrBodyAreRejected() {
        fixture.givenNoPriorActivity()
                .when(new AddReplyCommand(REPLY, POST, null, "A\u0000B", "Jane\u0007", null, null, Actor.ANONYMOUS))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectExceptionMessage("2 fields are invalid.")
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new AddReplyCommand(REPLY, POST, null, "Line one\n\tLine two\r\n", "Jane Hart", null, null,
                        Actor.ANONYMOUS))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anonymousReplyNeedsANameAndValidContacts() {
        fixture.givenNoPriorActivity()
                .when(new AddReplyCommand(REPLY, POST, null, "Agree", null, "not-an-email", "javascript:x",
                        Actor.ANONYMOUS))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectExceptionMessage("3 fields are invalid.")
                .expectNoEvents();
    }

    @Test
    void replyBodyOver10000CharactersIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new AddReplyCommand(REPLY, POST, null, "x".repeat(10_001), "Jane", null, null, Actor.ANONYMOUS))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectNoEvents();
    }

    @Test
    void replyNestedDeeperThanMarkdownRendersIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new AddReplyCommand(REPLY, POST, null, ">".repeat(3_000) + " deep", "Jane", null, null,
                        Actor.ANONYMOUS))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectNoEvents();
    }

    @Test
    void editToMarkdownThatCannotRenderIsRejected() {
        posts.put(POST, new Lookups.PostStatus(JON, false, true, null));
        fixture.given(new ReplyAdded(REPLY, POST, null, "Agree", "Jane", null, null, null, List.of(), null))
                .when(new EditReplyCommand(REPLY, POST, "<".repeat(5_000), new Actor("admin", true)))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectNoEvents();
    }

    @Test
    void replyToUnknownPostIsRejected() {
        fixture.givenNoPriorActivity()
                .when(anonymous(new PostId("nope"), null))
                .expectException(Refused.by(Refusal.NotFound.class, "post-not-found"))
                .expectNoEvents();
    }

    @Test
    void replyToClosedPostIsRejected() {
        posts.put(POST, new Lookups.PostStatus(JON, false, false, null));
        fixture.givenNoPriorActivity()
                .when(anonymous(POST, null))
                .expectException(Refused.by(Refusal.Conflict.class, "replies-closed"))
                .expectNoEvents();
    }

    @Test
    void replyToUnpublishedPostIsRejected() {
        posts.put(POST, new Lookups.PostStatus(JON, true, true, null));
        fixture.givenNoPriorActivity()
                .when(anonymous(POST, null))
                .expectException(Refused.by(Refusal.Gone.class, "post-unpublished"))
                .expectNoEvents();
    }

    @Test
    void replyToParentOfAnotherPostIsRejected() {
        fixture.givenNoPriorActivity()
                .when(anonymous(OTHER_POST, PARENT))
                .expectException(Refused.by(Refusal.Conflict.class, "parent-not-in-post"))
                .expectNoEvents();
    }

    @Test
    void replyToUnknownParentIsRejected() {
        fixture.givenNoPriorActivity()
                .when(anonymous(POST, new ReplyId("ghost")))
                .expectException(Refused.by(Refusal.Conflict.class, "parent-not-in-post"))
                .expectNoEvents();
    }

    @Test
    void repeatedReplyIdIsNamedAsAlreadyAdded() {
        replies.put(REPLY, POST);
        posts.put(POST, new Lookups.PostStatus(JON, false, false, null));
        fixture.givenNoPriorActivity()
                .when(anonymous(POST, null))
                .expectException(Refusals.ReplyExists.class)
                .expectNoEvents();
    }

    @Test
    void authorEditsItsReply() {
        fixture.given(JANES_REPLY)
                .when(new EditReplyCommand(REPLY, POST, "Agree, mostly", JANE))
                .expectEvents(new ReplyEdited(REPLY, POST, "Agree, mostly"));
    }

    @Test
    void nobodyButItsAuthorOrAnAdminEditsAReply() {
        fixture.given(JANES_REPLY)
                .when(new EditReplyCommand(REPLY, POST, "hijacked", new Actor("jon-ingham", false)))
                .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"));
        fixture.given(ANONYMOUS_REPLY)
                .when(new EditReplyCommand(REPLY, POST, "hijacked", Actor.ANONYMOUS))
                .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"));
        fixture.given(ANONYMOUS_REPLY)
                .when(new EditReplyCommand(REPLY, POST, "moderated", new Actor("admin", true)))
                .expectEvents(new ReplyEdited(REPLY, POST, "moderated"));
    }

    @Test
    void replyUnderAnotherPostsPathIsNotFound() {
        fixture.given(JANES_REPLY)
                .when(new EditReplyCommand(REPLY, OTHER_POST, "x", JANE))
                .expectException(Refused.by(Refusal.NotFound.class, "reply-not-found"));
    }

    @Test
    void postAuthorRemovesAReplyAndAPlaceholderStays() {
        fixture.given(ANONYMOUS_REPLY)
                .when(new RemoveReplyCommand(REPLY, POST, new Actor("jon-ingham", false)))
                .expectEvents(new ReplyRemoved(REPLY, POST, "jon-ingham"));
    }

    @Test
    void strangerMayNotRemoveAReply() {
        fixture.given(JANES_REPLY)
                .when(new RemoveReplyCommand(REPLY, POST, new Actor("mallory", false)))
                .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"))
                .expectNoEvents();
    }

    @Test
    void removedReplyIsGone() {
        fixture.given(JANES_REPLY, new ReplyRemoved(REPLY, POST, "admin"))
                .when(new EditReplyCommand(REPLY, POST, "again", JANE))
                .expectException(Refused.by(Refusal.Gone.class, "reply-removed"));
        fixture.given(JANES_REPLY, new ReplyRemoved(REPLY, POST, "admin"))
                .when(new RemoveReplyCommand(REPLY, POST, new Actor("admin", true)))
                .expectException(Refused.by(Refusal.Gone.class, "reply-removed"));
    }

    // ---- moderation

    private static final String JANES_EMAIL = "jane@example.com";
    private static final Actor JON_ACTOR = new Actor("jon-ingham", false);

    private static AddReplyCommand anonymousWithEmail(String body) {
        return new AddReplyCommand(REPLY, POST, null, body, "Jane Hart", JANES_EMAIL, null, Actor.ANONYMOUS);
    }

    private static ReplyAdded heldAnonymously(String body, List<String> heldFor) {
        String owner = "email:" + JANES_EMAIL;
        return new ReplyAdded(REPLY, POST, null, body, VAULT.seal(owner, "Jane Hart"), VAULT.seal(owner, JANES_EMAIL),
                null, null, heldFor, owner);
    }

    @Test
    void underModerationOfAllAnAnonymousReplyWaitsAndAnAuthorsDoesNot() {
        fixture(Moderation.ALL).givenNoPriorActivity()
                .when(anonymousWithEmail("Agree"))
                .expectEvents(heldAnonymously("Agree", List.of(Holding.ALL)))
                .expectResultMessagePayload(List.of(Holding.ALL));
        fixture(Moderation.ALL).givenNoPriorActivity()
                .when(new AddReplyCommand(REPLY, POST, null, "Agree", null, null, null, JANE))
                .expectEvents(JANES_REPLY);
    }

    @Test
    void aPostsModeOverridesTheSites() {
        posts.put(POST, new Lookups.PostStatus(JON, true, false, Moderation.ALL));
        fixture(Moderation.OPEN).givenNoPriorActivity()
                .when(anonymousWithEmail("Agree"))
                .expectEvents(heldAnonymously("Agree", List.of(Holding.ALL)));
        posts.put(POST, new Lookups.PostStatus(JON, true, false, Moderation.OPEN));
        fixture(Moderation.ALL).givenNoPriorActivity()
                .when(anonymousWithEmail("Agree"))
                .expectEvents(heldAnonymously("Agree", List.of()));
    }

    @Test
    void underFirstTimeACommenterWaitsUntilOneOfTheirRepliesIsApproved() {
        fixture(Moderation.FIRST_TIME).givenNoPriorActivity()
                .when(anonymousWithEmail("Agree"))
                .expectEvents(heldAnonymously("Agree", List.of(Holding.FIRST_TIME)));
        fixture(Moderation.FIRST_TIME).given(heldAnonymously("Agree", List.of(Holding.FIRST_TIME)))
                .when(new ApproveReplyCommand(REPLY, POST, JON_ACTOR))
                .expectEvents(new ReplyApproved(REPLY, POST, null, "jon-ingham", "email:" + JANES_EMAIL));
        assertThat(approved).containsExactly("email:" + JANES_EMAIL);
        fixture(Moderation.FIRST_TIME).givenNoPriorActivity()
                .when(anonymousWithEmail("Agree again"))
                .expectEvents(heldAnonymously("Agree again", List.of()));
        // An author is known by login: approved once, shown from then on.
        fixture(Moderation.FIRST_TIME).givenNoPriorActivity()
                .when(new AddReplyCommand(REPLY, POST, null, "Agree", null, null, null, JANE))
                .expectEvents(new ReplyAdded(REPLY, POST, null, "Agree", "jane", null, null, "jane",
                        List.of(Holding.FIRST_TIME), "login:jane"));
    }

    @Test
    void aPostsAuthorAndAnAdminNeverWaitOnIt() {
        rules = new ModerationRules(0, List.of("agree"), List.of());
        for (Actor moderator : new Actor[] {JON_ACTOR, new Actor("admin", true)}) {
            fixture(Moderation.ALL).givenNoPriorActivity()
                    .when(new AddReplyCommand(REPLY, POST, null, "Agree: https://x.example", null, null, null, moderator))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(List.of());
        }
    }

    @Test
    void rulesHoldAReplyWhateverTheModeNamingEachRuleBroken() {
        rules = new ModerationRules(1, List.of("casino"), List.of("@example.com"));
        fixture(Moderation.OPEN).givenNoPriorActivity()
                .when(anonymousWithEmail("Casino! https://a.example https://b.example"))
                .expectEvents(heldAnonymously("Casino! https://a.example https://b.example",
                        List.of("maxLinks: 2 links, at most 1", "blockedWords: casino", "blockedEmails")));
    }

    @Test
    void onlyThePostsAuthorOrAnAdminDecidesOnAHeldReply() {
        ReplyAdded held = heldAnonymously("Agree", List.of(Holding.ALL));
        for (Actor stranger : new Actor[] {JANE, Actor.ANONYMOUS}) {
            fixture.given(held)
                    .when(new ApproveReplyCommand(REPLY, POST, stranger))
                    .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"))
                    .expectNoEvents();
            fixture.given(held)
                    .when(new RejectReplyCommand(REPLY, POST, stranger))
                    .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"))
                    .expectNoEvents();
        }
        fixture.given(held)
                .when(new RejectReplyCommand(REPLY, POST, new Actor("admin", true)))
                .expectEvents(new ReplyRejected(REPLY, POST, "admin"));
        assertThat(approved).as("a rejection teaches nothing").isEmpty();
    }

    @Test
    void onlyAWaitingReplyIsApprovedOrRejected() {
        fixture.given(ANONYMOUS_REPLY)
                .when(new ApproveReplyCommand(REPLY, POST, JON_ACTOR))
                .expectException(Refused.by(Refusal.Conflict.class, "reply-not-pending"));
        ReplyAdded held = heldAnonymously("Agree", List.of(Holding.ALL));
        fixture.given(held, new ReplyApproved(REPLY, POST, null, "jon-ingham", null))
                .when(new RejectReplyCommand(REPLY, POST, JON_ACTOR))
                .expectException(Refused.by(Refusal.Conflict.class, "reply-not-pending"));
        fixture.given(held, new ReplyRejected(REPLY, POST, "jon-ingham"))
                .when(new ApproveReplyCommand(REPLY, POST, JON_ACTOR))
                .expectException(Refused.by(Refusal.Conflict.class, "reply-not-pending"));
    }

    @Test
    void aHeldReplyIsRejectedNotRemovedAndARejectedOneIsGone() {
        ReplyAdded held = heldAnonymously("Agree", List.of(Holding.ALL));
        fixture.given(held)
                .when(new RemoveReplyCommand(REPLY, POST, JON_ACTOR))
                .expectException(Refused.by(Refusal.Conflict.class, "reply-pending"))
                .expectNoEvents();
        fixture.given(held, new ReplyRejected(REPLY, POST, "jon-ingham"))
                .when(new RemoveReplyCommand(REPLY, POST, JON_ACTOR))
                .expectException(Refused.by(Refusal.Gone.class, "reply-removed"));
        fixture.given(held, new ReplyRejected(REPLY, POST, "jon-ingham"))
                .when(new EditReplyCommand(REPLY, POST, "again", new Actor("admin", true)))
                .expectException(Refused.by(Refusal.Gone.class, "reply-removed"));
    }
}
