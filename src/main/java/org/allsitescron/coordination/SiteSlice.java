package org.allsitescron.coordination;

import java.util.List;

/**
 * A stretch of the site health store in {@code blog_id} order.
 *
 * @param records the sites found, in {@code blog_id} order
 * @param lastBlogId the last {@code blog_id} looked at (where the next slice starts after)
 * @param more whether sites with a higher {@code blog_id} may follow
 */
public record SiteSlice(List<SiteRecord> records, long lastBlogId, boolean more) {}
